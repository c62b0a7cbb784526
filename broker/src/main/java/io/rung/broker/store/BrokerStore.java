package io.rung.broker.store;

/**
 * Everything the broker keeps across restarts. Every write returns a future completed once the write is durable
 * (after the group commit); the broker acknowledges a QoS 1/2 PUBLISH only then, and answers CONNACK of a new
 * persistent session and SUBACK/UNSUBACK of a persistent one only once its session record is. Calls come from any
 * event loop and must never block: implementations queue the write and complete the future from their own thread.
 * Writes for one client id arrive in the order they must be applied.
 */
public interface BrokerStore extends AutoCloseable {
    SessionStore sessions();

    RetainedStore retained();

    WillStore wills();

    /** The highest {@link StoredMessage#id()} ever stored, so ids stay unique after a restart; 0 when empty. */
    long lastMessageId();

    /** Commits what is pending and releases files; called last at shutdown. */
    @Override
    void close();
}

package io.rung.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.rung.broker.routing.Delivery;

/** A session's view of its live network connection; every method runs on {@link #executor()}. */
public interface ClientChannel {
    EventExecutor executor();

    /** How many QoS 1/2 messages may be unacknowledged: {@code maxInflight} capped by the client's Receive Maximum. */
    int sendWindow();

    /** False while the socket's outbound buffer is above its high-water mark. */
    boolean writable();

    /**
     * Writes a PUBLISH (flushed with the next batch). Returns false, writing nothing, when the packet is larger than
     * the client's Maximum Packet Size or the message has expired.
     */
    boolean writePublish(Delivery delivery, int packetId, boolean dup);

    void writePubRel(int packetId);

    /** Closes the connection because of the session: MQTT 5 clients get DISCONNECT with {@code reasonCode}. */
    void disconnect(int reasonCode, String reason);

    /** False once the socket is closed. */
    boolean isActive();

    /** The session accepted the connection: send CONNACK (before any redelivery). */
    void connected(Session session, boolean sessionPresent);

    /** The session refused the connection (e.g. owned by another user): CONNACK with the code, then close. */
    void refuse(int v5Reason, int v3ReturnCode, String reason);

    /** The remote address, for logs. */
    String remote();

    /** The name of the listener the connection came in on, such as {@code tcp:1883} or {@code http:8080}. */
    default String listener() {
        return "";
    }

    /** How the client connected: {@code tcp}, {@code tls}, {@code ws} or {@code wss}. */
    default String transport() {
        return "tcp";
    }
}

package io.rung.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Persistent sessions: metadata, subscriptions, and their queued and inflight QoS 1/2 messages. */
public interface SessionStore {
    /** Creates or replaces the session's metadata and subscriptions. */
    CompletableFuture<Void> save(StoredSession session);

    /** Removes the session with all its messages and inbound QoS 2 packet ids. */
    CompletableFuture<Void> remove(String clientId);

    /** Appends a message to the session's queue (QoS 1 or 2 only). */
    CompletableFuture<Void> add(String clientId, StoredMessage message, int qos);

    /** Records that the message was sent with {@code packetId}; {@code released} once PUBREL was sent. */
    CompletableFuture<Void> sent(String clientId, long messageId, int packetId, boolean released);

    /** Removes one message from the session: acknowledged, expired or dropped. */
    CompletableFuture<Void> delete(String clientId, long messageId);

    /**
     * Records an inbound QoS 2 packet id awaiting PUBREL, so that after a restart a re-sent PUBLISH with this id is
     * acknowledged without being routed again (exactly once). Call it after routing the message.
     */
    CompletableFuture<Void> received(String clientId, int packetId);

    /** PUBREL arrived for an inbound QoS 2 packet id: forgets it; PUBCOMP waits for this write. */
    CompletableFuture<Void> released(String clientId, int packetId);

    /** At start: every stored session. */
    List<StoredSession> loadAll();

    /** At start: the messages of one session in delivery order. */
    List<StoredDelivery> deliveries(String clientId);

    /** At start: the session's inbound QoS 2 packet ids awaiting PUBREL. */
    List<Integer> awaitingRelease(String clientId);
}

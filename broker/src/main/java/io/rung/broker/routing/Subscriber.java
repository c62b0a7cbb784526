package io.rung.broker.routing;

import io.rung.broker.auth.Identity;
import java.util.concurrent.CompletableFuture;

/** Something the router delivers to: a client session or an in-process subscription. */
public interface Subscriber {
    String clientId();

    /** For the ACL check of every delivery. */
    Identity identity();

    /** True while a client is connected (shared subscriptions prefer online members). */
    boolean online();

    /** True if QoS 1/2 deliveries must be written to the store before the publisher is acknowledged. */
    boolean persistent();

    /** True while its queue is above the high-water mark; publishers routing to it must pause. */
    boolean congested();

    /** Hands over a delivery; callable from any thread, never blocks. */
    void deliver(Delivery delivery);

    /**
     * Hands over a QoS 1/2 delivery of a message a network client published; the publisher's PUBACK/PUBREC waits
     * for the returned future, like for store writes. A bridge queues the message on disk here, so an acknowledged
     * message survives a crash before it reached the remote. Never blocks; by default the same as {@link #deliver}.
     */
    default CompletableFuture<Void> deliverBeforeAck(Delivery delivery) {
        deliver(delivery);
        return Router.DONE;
    }

    /**
     * False when a QoS 0 delivery would be dropped now: while congested, or while too many deliveries are still on
     * their way to its thread. The router then drops it without handing it over.
     */
    default boolean acceptsQos0() {
        return !congested();
    }

    /**
     * True while congested but still draining (it made progress within the last second): only then may a publisher
     * whose QoS 0 messages reach no one else wait for it. A stalled subscriber never pauses a QoS 0 publisher.
     */
    default boolean draining() {
        return false;
    }

    /**
     * Registers a paused publisher to resume when the queue drains below the low-water mark; resumes it at once if
     * that already happened.
     */
    void resumeWhenDrained(PausablePublisher publisher);

    /**
     * Registers a QoS 0 publisher paused because of {@link PausablePublisher#blocked()}: resumed when the queue drains
     * below the low-water mark or when this subscriber stalls, whichever comes first; at once if either happened.
     */
    default void resumeWhenDrainedOrStalled(PausablePublisher publisher) {
        resumeWhenDrained(publisher);
    }
}

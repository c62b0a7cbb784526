package io.rung.broker.routing;

/**
 * A publisher whose input can be paused while a subscriber it routes to is congested. The router calls every method
 * on the publisher's own event loop, except {@link #resume()}.
 */
public interface PausablePublisher {
    /** Stops reading from this publisher. */
    void pause();

    /** Starts reading again; callable from any thread. */
    void resume();

    /** The message just routed reached at least one subscriber. */
    default void reached() {}

    /**
     * The QoS 0 message just routed reached no subscriber: each one that matched was congested (but still draining),
     * so it was dropped for all of them. Returns true if the publisher paused because of it; the router then asks
     * those subscribers to {@link Subscriber#resumeWhenDrained resume} it.
     */
    default boolean blocked() {
        return false;
    }
}

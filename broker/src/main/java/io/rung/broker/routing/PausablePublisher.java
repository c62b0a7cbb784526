package io.rung.broker.routing;

/** A publisher whose input can be paused while a subscriber it routes to is congested. */
public interface PausablePublisher {
    /** Stops reading from this publisher; called on its own event loop. */
    void pause();

    /** Starts reading again; callable from any thread. */
    void resume();
}

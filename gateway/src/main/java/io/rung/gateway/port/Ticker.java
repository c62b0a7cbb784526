package io.rung.gateway.port;

/**
 * The monotonic clock that schedules, heartbeats, command ages and rate limits run on; tests inject a fake one.
 * Its values are only meaningful as differences, exactly like {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
    /** Nanoseconds on the monotonic clock. */
    long nanoTime();

    /** The system's monotonic clock; {@link InboundCommand#receivedNanos()} must be read from the same one. */
    static Ticker system() {
        return System::nanoTime;
    }
}

package io.rung.broker.bridge;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: 1 s, 2 s, 4 s … up to 60 s, each varied by ±20 % so that many gateways that lost the same
 * remote do not all come back at the same instant. {@link #reset()} after a successful connection.
 */
final class Backoff {
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private final DoubleSupplier random;
    private int failures;

    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the base. */
    Duration next() {
        long base = Math.min(MAX.toMillis(), MIN.toMillis() << Math.min(failures, 16));
        failures++;
        long jittered = Math.round(base * (0.8 + 0.4 * random.getAsDouble()));
        return Duration.ofMillis(Math.max(MIN.toMillis(), Math.min(MAX.toMillis(), jittered)));
    }

    void reset() {
        failures = 0;
    }
}

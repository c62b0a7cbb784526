package io.rung.drivers.modbus;

import java.time.Duration;
import java.util.Random;

/** Exponential back-off with jitter: about 1 s, 2 s, 4 s … up to 60 s, each ±20 %; reset after a success. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Random random;
    private int failures;

    Backoff(Duration initial, Duration max, Random random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random());
    }

    /** The wait before the next attempt after one more failure. */
    Duration next() {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(failures, 20));
        failures++;
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.min(max.toMillis(), Math.round(base * jitter)));
    }

    void reset() {
        failures = 0;
    }

    boolean failing() {
        return failures > 0;
    }

    /** {@code 5 s} or {@code 800 ms}, as log lines say it. */
    static String words(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : Math.round(ms / 1000.0) + " s";
    }
}

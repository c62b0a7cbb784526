package io.rung.gateway.mapping;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations written the way rung.yaml writes them, for messages: {@code 500ms}, {@code 10s}, {@code 12.5s}, {@code 2m}. */
public final class DurationText {
    private DurationText() {}

    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis != 0 && millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0 && millis != 0) return millis / 1000 + "s";
        if (Math.abs(millis) >= 1000)
            return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
        return millis + "ms";
    }

    /** The same for a number of nanoseconds on the monotonic clock. */
    public static String ofNanos(long nanos) {
        return of(Duration.ofNanos(nanos));
    }
}

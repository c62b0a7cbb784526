package io.rung.gateway.southbound;

import io.rung.gateway.mapping.DurationText;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A point's {@code rateLimit}: a command sooner than that after the last accepted one is refused, never delayed. */
final class RateLimiter {
    private final Map<String, Long> lastAccepted = new HashMap<>();

    /** Accepts the command (and remembers when) or says why not. */
    synchronized Optional<String> acquire(String point, Duration limit, long nowNanos) {
        Long last = lastAccepted.get(point);
        if (last != null && nowNanos - last < limit.toNanos()) {
            return Optional.of("too soon: rateLimit is " + DurationText.of(limit) + ", the previous command was "
                    + DurationText.ofNanos(nowNanos - last) + " ago");
        }
        lastAccepted.put(point, nowNanos);
        return Optional.empty();
    }
}

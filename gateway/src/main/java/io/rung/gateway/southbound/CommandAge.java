package io.rung.gateway.southbound;

import io.rung.gateway.mapping.DurationText;
import io.rung.gateway.port.InboundCommand;
import io.rung.gateway.port.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command runs only while it is fresh: not past its MQTT 5 message expiry, not waiting longer than the device's
 * {@code maxCommandAge} (on the monotonic clock, from when the broker received it), and not carrying a {@code ts}
 * older than that (on the wall clock; a {@code ts} in the future is accepted, clocks drift). Checked on arrival
 * and again when the device's lane gets to it.
 */
final class CommandAge {
    private final Clock clock;
    private final Ticker ticker;

    CommandAge(Clock clock, Ticker ticker) {
        this.clock = clock;
        this.ticker = ticker;
    }

    Optional<String> refusal(InboundCommand command, OptionalLong ts, Duration maxAge) {
        long waited = ticker.nanoTime() - command.receivedNanos();
        if (command.messageExpirySeconds().isPresent()) {
            long expiry = command.messageExpirySeconds().getAsLong();
            if (waited > Duration.ofSeconds(expiry).toNanos()) {
                return Optional.of("command expired: its message expiry interval of "
                        + DurationText.of(Duration.ofSeconds(expiry)) + " has passed");
            }
        }
        if (waited > maxAge.toNanos()) {
            return Optional.of("command is too old: it waited " + DurationText.ofNanos(waited) + ", maxCommandAge is "
                    + DurationText.of(maxAge));
        }
        if (ts.isPresent()) {
            long age = clock.millis() - ts.getAsLong();
            if (age > maxAge.toMillis()) {
                return Optional.of("command is too old: its ts is " + DurationText.of(Duration.ofMillis(age))
                        + " ago, maxCommandAge is " + DurationText.of(maxAge));
            }
        }
        return Optional.empty();
    }
}

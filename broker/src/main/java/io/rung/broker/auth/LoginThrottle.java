package io.rung.broker.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per source address without sleeping: after {@value #MAX_FAILURES} failed logins
 * within a minute (sliding), an address is refused for {@link #FIRST_BLOCK}, doubling with each further block up to
 * {@link #MAX_BLOCK}. An address is forgotten after {@link #FORGET_AFTER} without failures. Other addresses are never
 * affected; all calls return at once.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration FIRST_BLOCK = Duration.ofSeconds(10);
    static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final Map<InetAddress, State> states = new ConcurrentHashMap<>();

    /** One address's last failures (at most {@value #MAX_FAILURES}, oldest first) and how often it was blocked. */
    private record State(List<Instant> recent, int blocks, Instant blockedUntil, Instant lastFailure) {}

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must still wait, or empty when it may try a password now. */
    Optional<Duration> blockedFor(InetAddress address) {
        State state = states.get(address);
        if (state == null) return Optional.empty();
        Instant now = clock.instant();
        return now.isBefore(state.blockedUntil())
                ? Optional.of(Duration.between(now, state.blockedUntil()))
                : Optional.empty();
    }

    /** Counts a wrong password or unknown user from {@code address}. */
    void failed(InetAddress address) {
        Instant now = clock.instant();
        if (states.size() > SWEEP_ABOVE) sweep(now);
        states.compute(address, (a, old) -> {
            State s = old == null || now.isAfter(old.lastFailure().plus(FORGET_AFTER))
                    ? new State(List.of(), 0, Instant.MIN, now)
                    : old;
            List<Instant> recent = new ArrayList<>(s.recent());
            recent.add(now);
            if (recent.size() > MAX_FAILURES) recent.remove(0);
            if (recent.size() < MAX_FAILURES || now.isAfter(recent.get(0).plus(WINDOW))) {
                return new State(List.copyOf(recent), s.blocks(), s.blockedUntil(), now);
            }
            int blocks = s.blocks() + 1;
            return new State(List.of(), blocks, now.plus(blockLength(blocks)), now);
        });
    }

    static Duration blockLength(int blocks) {
        Duration length = FIRST_BLOCK.multipliedBy(1L << Math.min(blocks - 1, 20));
        return length.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : length;
    }

    private void sweep(Instant now) {
        states.values()
                .removeIf(s -> now.isAfter(s.lastFailure().plus(FORGET_AFTER)) && !now.isBefore(s.blockedUntil()));
    }
}

package io.rung.gateway.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard login sessions, in memory: a random 256-bit id (the cookie) per login. A session ends after
 * {@link #IDLE} without requests, at the latest {@link #MAX_AGE} after the login, or at logout.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration MAX_AGE = Duration.ofHours(24);
    static final String COOKIE = "rung_session";
    private static final int MAX_SESSIONS = 10_000;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * One logged-in browser.
     *
     * @param user the verified user name; empty for an anonymous session (only when {@code anonymous: true})
     */
    record Session(String id, Optional<String> user, Instant created, Instant lastSeen) {
        String userLabel() {
            return user.orElse("anonymous");
        }
    }

    Sessions(Clock clock) {
        this.clock = clock;
    }

    Session create(Optional<String> user) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) sessions.values().removeIf(s -> expired(s, now));
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Session s = new Session(id, user, now, now);
        sessions.put(id, s);
        return s;
    }

    /** The live session with this id, its idle time restarted. */
    Optional<Session> find(String id) {
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.user(), s.created(), now);
        sessions.replace(id, s, touched);
        return Optional.of(touched);
    }

    void remove(String id) {
        sessions.remove(id);
    }

    /** Seconds the cookie may live: until the session's maximum age. */
    long cookieMaxAge(Session s) {
        return Math.max(
                0, Duration.between(clock.instant(), s.created().plus(MAX_AGE)).toSeconds());
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(IDLE))
                || !now.isBefore(s.created().plus(MAX_AGE));
    }
}

package io.rung.broker.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived MQTT passwords for the dashboard: after a login the HTTP side {@link #issue issues} a token, and the
 * broker accepts it as that user's password until it expires, so the real password never reaches the page. Tokens
 * are random 256-bit strings; only their SHA-256 digests are kept, in memory.
 */
public final class TokenStore {
    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<ByteBuffer, Grant> grants = new ConcurrentHashMap<>();

    private record Grant(String user, Instant expires) {}

    public TokenStore() {
        this(Clock.systemUTC());
    }

    public TokenStore(Clock clock) {
        this.clock = clock;
    }

    /** A new token that is {@code user}'s password for {@code ttl}. */
    public String issue(String user, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be > 0, got " + ttl);
        Instant now = clock.instant();
        grants.values().removeIf(g -> !g.expires().isAfter(now));
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        grants.put(digest(token.getBytes(StandardCharsets.US_ASCII)), new Grant(user, now.plus(ttl)));
        return token;
    }

    /** Ends a token before it expires (dashboard logout); unknown tokens are ignored. */
    public void revoke(String token) {
        grants.remove(digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** True when {@code password} is a live token issued for {@code user}. */
    public boolean accepts(String user, byte[] password) {
        if (grants.isEmpty()) return false;
        ByteBuffer key = digest(password);
        Grant grant = grants.get(key);
        if (grant == null) return false;
        if (!grant.expires().isAfter(clock.instant())) {
            grants.remove(key, grant);
            return false;
        }
        return grant.user().equals(user);
    }

    private static ByteBuffer digest(byte[] token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}

package io.rung.broker.auth;

import io.rung.config.AuthConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates CONNECTs against {@code broker.auth}: a verified client certificate user, a dashboard token from the
 * {@link TokenStore}, or a user name and password from the password file (re-read when it changes). Verified
 * credentials are cached in memory, keyed by user and a keyed digest of the password (never the password), until the
 * file changes, so reconnect storms cost no PBKDF2. Failed logins are throttled per source address by
 * {@link LoginThrottle}. Thread-safe; {@link #authenticate} may take milliseconds on a cache miss.
 */
public final class PasswordAuthenticator implements Authenticator {
    private static final Logger log = LoggerFactory.getLogger(PasswordAuthenticator.class);
    private static final int MAX_CACHED = 10_000;

    private final AuthConfig auth;
    private final TokenStore tokens;
    private final LoginThrottle throttle;
    private final @Nullable Path passwordFile;
    private final Map<String, Long> verified = new ConcurrentHashMap<>(); // cache key -> generation verified in
    private final byte[] cacheKey = new byte[32];
    private final Object reloadLock = new Object();
    private final AtomicLong hashVerifications = new AtomicLong();
    private volatile Snapshot snapshot;

    /** The users in use, the file state last looked at, and a counter of successful reloads. */
    private record Snapshot(PasswordFile users, FileState seen, long generation) {}

    /** What tells us the file changed: a rename (as mosquitto_passwd and Rung write) changes the file key. */
    private record FileState(
            FileTime modified, long size, @Nullable Object fileKey) {}

    private static final FileState UNREADABLE = new FileState(FileTime.fromMillis(0), -1, null);

    /**
     * @throws PasswordFileException when {@code auth.passwordFile()} is given but missing or malformed
     */
    public PasswordAuthenticator(AuthConfig auth, TokenStore tokens) throws PasswordFileException {
        this(auth, tokens, Clock.systemUTC());
    }

    /** As {@link #PasswordAuthenticator(AuthConfig, TokenStore)}, with the clock the throttle uses. */
    public PasswordAuthenticator(AuthConfig auth, TokenStore tokens, Clock clock) throws PasswordFileException {
        this.auth = auth;
        this.tokens = tokens;
        this.throttle = new LoginThrottle(clock);
        this.passwordFile = auth.passwordFile().orElse(null);
        new SecureRandom().nextBytes(cacheKey);
        if (passwordFile == null) {
            snapshot = new Snapshot(PasswordFile.empty(Path.of("")), UNREADABLE, 0);
        } else {
            FileState state = stateOf(passwordFile);
            snapshot = new Snapshot(PasswordFile.load(passwordFile), state, 0);
        }
    }

    @Override
    public AuthResult authenticate(Credentials c) {
        if (c.certificateUser().isPresent())
            return accept(Identity.user(c.certificateUser().get(), c.clientId()));
        if (c.username().isEmpty()) {
            if (auth.anonymous()) return accept(Identity.anonymous(c.clientId()));
            return new AuthResult.Refused(
                    AuthResult.Reason.ANONYMOUS_NOT_ALLOWED,
                    "anonymous access is not allowed (no user name given; set broker.auth.anonymous: true to allow it)");
        }
        InetAddress address = c.remote().getAddress();
        if (address != null) {
            Optional<Duration> wait = throttle.blockedFor(address);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                return new AuthResult.Refused(
                        AuthResult.Reason.THROTTLED,
                        "too many failed logins from " + address.getHostAddress() + "; try again in " + seconds + " s");
            }
        }
        String user = c.username().get();
        Snapshot current = current();
        Optional<PasswordHash> hash = current.users().hash(user);
        byte[] password = c.password().orElse(null);
        if (password != null && tokens.accepts(user, password)) return accept(Identity.user(user, c.clientId()));
        if (hash.isEmpty()) return fail(address, AuthResult.Reason.UNKNOWN_USER, "unknown user '" + user + "'");
        if (password == null)
            return fail(address, AuthResult.Reason.WRONG_PASSWORD, "no password given for user '" + user + "'");
        String key = user + '\n' + digest(password);
        Long generation = verified.get(key);
        if (generation != null && generation == current.generation()) return accept(Identity.user(user, c.clientId()));
        hashVerifications.incrementAndGet();
        if (!hash.get().verify(password)) {
            return fail(address, AuthResult.Reason.WRONG_PASSWORD, "wrong password for user '" + user + "'");
        }
        if (verified.size() >= MAX_CACHED) verified.clear();
        verified.put(key, current.generation());
        return accept(Identity.user(user, c.clientId()));
    }

    /** How often a password was checked against its hash (cache misses), for tests. */
    long hashVerifications() {
        return hashVerifications.get();
    }

    private static AuthResult accept(Identity identity) {
        return new AuthResult.Accepted(identity);
    }

    private AuthResult fail(@Nullable InetAddress address, AuthResult.Reason reason, String message) {
        if (address != null) throttle.failed(address);
        return new AuthResult.Refused(reason, message);
    }

    /** The users, re-read first when the file changed since the last look. */
    private Snapshot current() {
        Snapshot s = snapshot;
        Path file = passwordFile;
        if (file == null) return s;
        FileState seen = stateOf(file);
        if (seen.equals(s.seen())) return s;
        synchronized (reloadLock) {
            s = snapshot;
            if (seen.equals(s.seen())) return s;
            try {
                PasswordFile users = PasswordFile.load(file);
                verified.clear();
                snapshot = new Snapshot(users, seen, s.generation() + 1);
                log.info(
                        "Password file {} reloaded: {} users.",
                        file,
                        users.users().size());
            } catch (PasswordFileException e) {
                // Seen and reported once; the next change of the file is tried again.
                log.warn(
                        "Password file not reloaded: {}; keeping the {} users read before.",
                        e.getMessage(),
                        s.users().users().size());
                snapshot = new Snapshot(s.users(), seen, s.generation());
            }
            return snapshot;
        }
    }

    private static FileState stateOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return UNREADABLE; // PasswordFile.load then says why (no such file, permission denied, ...)
        }
    }

    private String digest(byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}

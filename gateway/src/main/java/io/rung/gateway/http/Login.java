package io.rung.gateway.http;

import io.rung.broker.auth.AuthResult;
import io.rung.broker.auth.Authenticator;
import io.rung.broker.auth.Credentials;
import io.rung.broker.auth.TokenStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a dashboard login with the broker's own {@link Authenticator}: the same users and password file as MQTT,
 * and the same per-address throttle of failed attempts. Dashboard MQTT tokens are refused here, so a token that
 * leaked from a page cannot be turned into a session.
 */
final class Login {
    private final Authenticator authenticator;
    private final TokenStore tokens;
    private final String listener;

    /** What a login attempt came to. */
    sealed interface Outcome {
        /** @param user empty for an anonymous login */
        record Accepted(Optional<String> user) implements Outcome {}

        record Refused(String message) implements Outcome {}

        record Throttled(String message) implements Outcome {}
    }

    Login(Authenticator authenticator, TokenStore tokens, String listener) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.listener = listener;
    }

    /** Blocks for a PBKDF2 check: call off the event loop. An empty user asks for an anonymous session. */
    Outcome attempt(String user, String password, InetSocketAddress remote) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        if (!user.isEmpty() && tokens.accepts(user, secret)) {
            return new Outcome.Refused("a dashboard token is not a password; log in with the user's password");
        }
        Credentials c = new Credentials(
                "$http-login",
                user.isEmpty() ? Optional.empty() : Optional.of(user),
                password.isEmpty() ? Optional.empty() : Optional.of(secret),
                Optional.empty(),
                remote,
                listener);
        AuthResult result = authenticator.authenticate(c);
        if (result instanceof AuthResult.Accepted a)
            return new Outcome.Accepted(a.identity().user());
        AuthResult.Refused r = (AuthResult.Refused) result;
        if (r.reason() == AuthResult.Reason.THROTTLED) return new Outcome.Throttled(r.message());
        // One message for both, so a login form does not tell which user names exist.
        if (r.reason() == AuthResult.Reason.UNKNOWN_USER || r.reason() == AuthResult.Reason.WRONG_PASSWORD) {
            return new Outcome.Refused("wrong user name or password");
        }
        return new Outcome.Refused(r.message());
    }
}

package io.rung.broker.auth;

/**
 * Decides who a connecting client is. Implementations may block (PBKDF2 costs milliseconds), so the broker calls
 * them off the event loop.
 */
public interface Authenticator {
    AuthResult authenticate(Credentials credentials);

    /** Everyone connects: without credentials as anonymous, with a user name as that user (unverified). */
    static Authenticator allowAll() {
        return c -> new AuthResult.Accepted(
                c.username().isPresent()
                        ? Identity.user(c.username().get(), c.clientId())
                        : Identity.anonymous(c.clientId()));
    }
}

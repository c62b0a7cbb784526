package io.rung.broker.auth;

import java.util.Optional;

/**
 * Who a connected client is, for ACL decisions. A client is its user name once its password or certificate is
 * verified; otherwise it is anonymous (only {@code user: "*"} rules match it, and {@code %u} never does).
 *
 * @param user the verified user name; {@code bridge:<name>} for a bridge republishing {@code in} messages
 */
public record Identity(Kind kind, Optional<String> user, String clientId) {
    /** How the identity was established. */
    public enum Kind {
        /** No verified credentials. */
        ANONYMOUS,
        /** Password, token or client certificate verified. */
        USER,
        /** A bridge republishing messages from its remote, as user {@code bridge:<name>}. */
        BRIDGE,
        /** The gateway's own in-process publisher and command subscriber: bypasses the ACL. */
        TRUSTED
    }

    public static Identity anonymous(String clientId) {
        return new Identity(Kind.ANONYMOUS, Optional.empty(), clientId);
    }

    public static Identity user(String user, String clientId) {
        return new Identity(Kind.USER, Optional.of(user), clientId);
    }

    public static Identity bridge(String bridgeName) {
        return new Identity(Kind.BRIDGE, Optional.of("bridge:" + bridgeName), "$bridge/" + bridgeName);
    }

    public static Identity trusted(String clientId) {
        return new Identity(Kind.TRUSTED, Optional.empty(), clientId);
    }

    public boolean isTrusted() {
        return kind == Kind.TRUSTED;
    }
}

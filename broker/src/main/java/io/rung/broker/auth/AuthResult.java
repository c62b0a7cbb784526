package io.rung.broker.auth;

/** The outcome of authenticating a CONNECT. */
public sealed interface AuthResult {
    /** The client may connect as this identity. */
    record Accepted(Identity identity) implements AuthResult {}

    /**
     * The client is refused; {@code message} is the plain-words reason logged and sent as MQTT 5 reason string,
     * such as {@code wrong password for user 'scada'}. It never contains the password.
     */
    record Refused(Reason reason, String message) implements AuthResult {}

    /** Why a CONNECT was refused; the broker maps it to a CONNACK code. */
    enum Reason {
        /** Known user, wrong password: MQTT 5 0x86, 3.1.1 return code 4. */
        WRONG_PASSWORD,
        /** No such user: MQTT 5 0x86, 3.1.1 return code 4. */
        UNKNOWN_USER,
        /** No credentials and {@code anonymous: false}: MQTT 5 0x87, 3.1.1 return code 5. */
        ANONYMOUS_NOT_ALLOWED,
        /** Credentials fine but this client may not connect (e.g. reserved client id): 0x87 / 5. */
        NOT_AUTHORIZED,
        /** Too many failed logins from this address: MQTT 5 0x8A (banned) / 0x9F, 3.1.1 return code 5. */
        THROTTLED
    }
}

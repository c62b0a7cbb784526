package io.rung.gateway.doctor;

import java.util.Optional;

/** What an MQTT 3.1.1 CONNACK return code means (§3.2.2.3), and what to do about it. */
final class ConnAckCodes {
    private ConnAckCodes() {}

    /** {@code [meaning, cause, fix]} for a refusing return code. */
    static String[] explain(int code, Optional<String> user) {
        String who = user.map(u -> "user '" + u + "'").orElse("an anonymous client");
        return switch (code) {
            case 1 ->
                new String[] {
                    "unacceptable protocol version",
                    "the broker does not accept MQTT 3.1.1 (some accept only MQTT 5 or only 3.1)",
                    "check the broker's protocol settings"
                };
            case 2 ->
                new String[] {
                    "identifier rejected",
                    "the broker refused the client id",
                    "use a client id of letters and digits only, at most 23 characters"
                };
            case 3 ->
                new String[] {
                    "server unavailable", "the MQTT service is up but not accepting clients", "look at the broker's log"
                };
            case 4 ->
                new String[] {
                    "bad user name or password",
                    "wrong password or unknown user for " + who,
                    "check the password; set it with 'rung passwd FILE USER' (or mosquitto_passwd) on the server"
                };
            case 5 ->
                new String[] {
                    "not authorised",
                    user.isEmpty()
                            ? "the broker does not allow anonymous clients"
                            : "the broker refused " + who + ": a wrong password (mosquitto answers this code for it), "
                                    + "a user that may not connect, or too many failed logins from this address",
                    user.isEmpty()
                            ? "pass -u USER (the password by prompt, --password-stdin or $RUNG_PASSWORD)"
                            : "check the password, then the broker's log for the exact reason; after failed logins wait a minute"
                };
            default ->
                new String[] {
                    "refused with return code " + code, "the broker refused the connection", "look at the broker's log"
                };
        };
    }
}

package io.rung.broker;

import io.rung.broker.auth.Identity;
import java.util.Optional;

/**
 * Who published a message: for audit logs and so the gateway never executes a command it published itself.
 *
 * @param user the publisher's verified user name; empty for anonymous and trusted clients
 */
public record Origin(String clientId, Optional<String> user) {
    public static Origin of(Identity identity) {
        return new Origin(identity.clientId(), identity.user());
    }

    /** The broker itself ($SYS, wills have their client's origin). */
    public static Origin broker() {
        return new Origin("$broker", Optional.empty());
    }
}

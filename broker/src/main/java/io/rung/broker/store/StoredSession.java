package io.rung.broker.store;

import java.util.List;
import java.util.Optional;

/**
 * A persistent session's state other than its messages.
 *
 * @param user the verified user that created it; only the same user may take it over
 * @param protocolVersion 3 (3.1), 4 (3.1.1) or 5
 * @param expirySeconds how long it outlives its connection
 * @param disconnectedAtEpochMillis when its client went away, 0 while connected
 */
public record StoredSession(
        String clientId,
        Optional<String> user,
        int protocolVersion,
        long expirySeconds,
        long disconnectedAtEpochMillis,
        List<StoredSubscription> subscriptions) {
    public StoredSession {
        subscriptions = List.copyOf(subscriptions);
    }
}

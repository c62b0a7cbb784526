package io.rung.broker.session;

import io.rung.broker.auth.Identity;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated CONNECT asking for a session.
 *
 * @param protocolLevel 3 (MQTT 3.1), 4 (3.1.1) or 5
 * @param expirySeconds the session expiry already capped by {@code maxSessionExpiry}; 0 = ends with the connection
 */
public record ConnectRequest(
        Identity identity,
        int protocolLevel,
        boolean cleanStart,
        long expirySeconds,
        @Nullable Will will,
        ClientChannel channel) {}

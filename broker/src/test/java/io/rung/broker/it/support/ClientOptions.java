package io.rung.broker.it.support;

import java.util.Optional;

/**
 * How a {@link TestClient} connects, the same for every protocol version: {@code persistent} is clean session 0
 * (3.1.1) or clean start 0 with a session expiry (5).
 */
public record ClientOptions(boolean cleanStart, long sessionExpirySeconds, int keepAliveSeconds, Optional<Will> will) {

    /** A will message; {@code delaySeconds} is used by MQTT 5 only. */
    public record Will(String topic, String payload, int qos, boolean retain, long delaySeconds) {}

    public static ClientOptions clean() {
        return new ClientOptions(true, 0, 60, Optional.empty());
    }

    /** A session that outlives the connection (5 minutes for MQTT 5). */
    public static ClientOptions persistent() {
        return new ClientOptions(false, 300, 60, Optional.empty());
    }

    public ClientOptions withKeepAlive(int seconds) {
        return new ClientOptions(cleanStart, sessionExpirySeconds, seconds, will);
    }

    public ClientOptions withSessionExpiry(long seconds) {
        return new ClientOptions(cleanStart, seconds, keepAliveSeconds, will);
    }

    public ClientOptions withWill(Will newWill) {
        return new ClientOptions(cleanStart, sessionExpirySeconds, keepAliveSeconds, Optional.of(newWill));
    }
}

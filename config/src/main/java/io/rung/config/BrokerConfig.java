package io.rung.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code broker:} section.
 *
 * @param auth empty when the file has no {@code auth:} section: then the broker generates {@code <data>/passwd}
 *     with user {@code admin}
 */
public record BrokerConfig(
        List<ListenerConfig> listeners,
        Optional<AuthConfig> auth,
        PersistenceConfig persistence,
        LimitsConfig limits,
        Duration sysInterval) {
    public static final Duration DEFAULT_SYS_INTERVAL = Duration.ofSeconds(10);

    public BrokerConfig {
        listeners = List.copyOf(listeners);
    }

    /** MQTT on 1883 and WebSocket on 8083 {@code /mqtt}, all interfaces; generated admin user. */
    public static BrokerConfig defaults(Path baseDir) {
        return new BrokerConfig(
                ListenerConfig.defaults(),
                Optional.empty(),
                PersistenceConfig.defaults(baseDir),
                LimitsConfig.defaults(),
                DEFAULT_SYS_INTERVAL);
    }

    public BrokerConfig withListeners(List<ListenerConfig> newListeners) {
        return new BrokerConfig(newListeners, auth, persistence, limits, sysInterval);
    }

    public BrokerConfig withAuth(Optional<AuthConfig> newAuth) {
        return new BrokerConfig(listeners, newAuth, persistence, limits, sysInterval);
    }

    public BrokerConfig withPersistence(PersistenceConfig newPersistence) {
        return new BrokerConfig(listeners, auth, newPersistence, limits, sysInterval);
    }

    public BrokerConfig withLimits(LimitsConfig newLimits) {
        return new BrokerConfig(listeners, auth, persistence, newLimits, sysInterval);
    }

    public BrokerConfig withSysInterval(Duration newSysInterval) {
        return new BrokerConfig(listeners, auth, persistence, limits, newSysInterval);
    }
}

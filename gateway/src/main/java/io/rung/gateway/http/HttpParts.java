package io.rung.gateway.http;

import io.rung.broker.Broker;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Authenticator;
import io.rung.broker.auth.TokenStore;
import io.rung.broker.bridge.BridgeStatus;
import io.rung.config.DeviceConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP server uses of the running gateway.
 *
 * @param authenticator the broker's own, so logins use the same users, password file and throttle as MQTT
 * @param acl the broker's own, so the API shows and writes only what the user could over MQTT
 * @param bridges the state and counters of every bridge, for {@code /api/v1/bridges}
 */
public record HttpParts(
        Broker broker,
        Authenticator authenticator,
        Acl acl,
        TokenStore tokens,
        List<DeviceConfig> devices,
        HealthChecks health,
        GatewayMetrics metrics,
        Supplier<List<BridgeStatus>> bridges) {
    public HttpParts {
        devices = List.copyOf(devices);
    }
}

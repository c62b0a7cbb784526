package io.rung.config;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code broker.listeners}.
 *
 * @param port 0 = any free port (the broker logs and reports the bound one)
 * @param bind empty = all interfaces (IPv6 and IPv4)
 * @param websocket a path such as {@code /mqtt} for MQTT over WebSocket; empty for plain MQTT
 */
public record ListenerConfig(int port, Optional<String> bind, Optional<String> websocket, Optional<TlsConfig> tls) {
    public ListenerConfig {
        if (port < 0 || port > 65535)
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }

    public static ListenerConfig tcp(int port) {
        return new ListenerConfig(port, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Plain MQTT on {@code bind}:{@code port}; tests use {@code tcp("127.0.0.1", 0)}. */
    public static ListenerConfig tcp(String bind, int port) {
        return new ListenerConfig(port, Optional.of(bind), Optional.empty(), Optional.empty());
    }

    public static ListenerConfig websocket(int port, String path) {
        return new ListenerConfig(port, Optional.empty(), Optional.of(path), Optional.empty());
    }

    static List<ListenerConfig> defaults() {
        return List.of(tcp(1883), websocket(8083, "/mqtt"));
    }
}

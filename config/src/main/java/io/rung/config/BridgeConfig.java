package io.rung.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One entry of {@code bridges:}: a client inside the broker that forwards to and from a remote broker. */
public record BridgeConfig(
        String name,
        String url,
        Optional<String> username,
        Optional<Secret> password,
        String clientId,
        Protocol protocol,
        Duration keepAlive,
        boolean cleanStart,
        boolean required,
        boolean tryPrivate,
        String statusTopic,
        BridgeTlsConfig tls,
        List<Rule> out,
        List<Rule> in,
        BufferConfig buffer) {
    public BridgeConfig {
        out = List.copyOf(out);
        in = List.copyOf(in);
    }

    /** MQTT version spoken to the remote. */
    public enum Protocol {
        MQTT_5,
        MQTT_3_1_1
    }

    /**
     * An {@code out} or {@code in} rule.
     *
     * @param rewrite {@code prefix} for out rules (added), {@code strip} for in rules (removed)
     */
    public record Rule(String topic, String rewrite, int qos) {}

    /** {@code bridges[].tls}; {@code ca} empty = the system CAs; {@code sni} empty = the URL's host. */
    public record BridgeTlsConfig(
            Optional<Path> ca,
            Optional<Path> cert,
            Optional<Path> key,
            Optional<Secret> keyPassword,
            boolean verifyHostname,
            Optional<String> sni) {
        public static BridgeTlsConfig defaults() {
            return new BridgeTlsConfig(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());
        }
    }

    /** Bound of the on-disk queue while the remote is unreachable. */
    public record BufferConfig(long maxMessages, DataSize maxBytes) {
        public static BufferConfig defaults() {
            return new BufferConfig(1_000_000, DataSize.ofGiB(1));
        }
    }
}

package io.rung.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole of {@code rung.yaml}. Every relative path inside is already resolved against {@link #baseDir()}.
 *
 * @param source the file it came from, or {@code <built-in>} for the defaults
 */
public record RungConfig(
        String source,
        Path baseDir,
        GatewayConfig gateway,
        BrokerConfig broker,
        Optional<HttpConfig> http,
        List<DeviceConfig> devices,
        List<BridgeConfig> bridges) {
    public RungConfig {
        devices = List.copyOf(devices);
        bridges = List.copyOf(bridges);
    }

    /** The built-in default: a broker only, state under {@code baseDir/data}. */
    public static RungConfig defaults(Path baseDir) {
        return new RungConfig(
                "<built-in>",
                baseDir,
                GatewayConfig.defaults(),
                BrokerConfig.defaults(baseDir),
                Optional.empty(),
                List.of(),
                List.of());
    }
}

package io.rung.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code devices[].opcua}.
 *
 * @param policy empty = the strongest policy the server offers for {@code security}
 */
public record OpcUaConfig(
        String url,
        Security security,
        Optional<String> policy,
        Optional<String> username,
        Optional<Secret> password,
        Optional<Path> userCert,
        Optional<Path> userKey,
        boolean trustAll,
        boolean endpointOverride,
        int queueSize)
        implements DeviceConfig.DeviceConnection {
    /** OPC UA message security mode. */
    public enum Security {
        NONE,
        SIGN,
        SIGN_AND_ENCRYPT
    }

    public static OpcUaConfig of(String url) {
        return new OpcUaConfig(
                url,
                Security.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                1);
    }
}

package io.rung.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** Binds a device's {@code modbus:} or {@code opcua:} section. */
final class ConnectionBinder {
    static final Set<String> MODBUS_KEYS = Set.of(
            "url", "unit", "timeout", "retries", "maxRegistersPerRead", "maxGap", "writeMultiple", "interFrameDelay");
    static final Set<String> OPCUA_KEYS = Set.of(
            "url",
            "security",
            "policy",
            "username",
            "password",
            "userCert",
            "userKey",
            "trustAll",
            "endpointOverride",
            "queueSize");
    /** Milo's security policy names; {@code None} only with {@code security: none}. */
    private static final List<String> POLICIES = List.of(
            "None", "Basic128Rsa15", "Basic256", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss");

    private ConnectionBinder() {}

    /** @param lineCheck told about every URL that names a line, to compare serial settings across devices */
    static ModbusConfig bindModbus(MapReader r, BiConsumer<UrlChecks.ModbusLine, ScalarValue> lineCheck) {
        ModbusConfig d = ModbusConfig.of("");
        Optional<ScalarValue> urlValue = r.required("url");
        Optional<UrlChecks.ModbusLine> line = urlValue.flatMap(UrlChecks::modbus);
        line.ifPresent(l -> lineCheck.accept(l, urlValue.get()));
        boolean rtu = urlValue.map(v -> v.text().strip().startsWith("rtu")).orElse(false);
        int unit = r.value("unit")
                .flatMap(v -> {
                    Optional<Long> n = v.integer(0, 255);
                    if (rtu && n.isPresent() && n.get() == 0) {
                        v.error("unit 0 (broadcast) is not allowed on RTU lines: no device answers a broadcast");
                    } else if (rtu && n.isPresent() && n.get() > 247) {
                        v.error("must be between 1 and 247 on RTU lines "
                                + v.scalar().was());
                    }
                    return n;
                })
                .map(Long::intValue)
                .orElse(d.unit());
        return new ModbusConfig(
                urlValue.map(ScalarValue::text).map(String::strip).orElse(""),
                unit,
                r.duration("timeout", d.timeout(), true),
                r.integer("retries", 0, 100, d.retries()),
                r.integer("maxRegistersPerRead", 1, 125, d.maxRegistersPerRead()),
                r.integer("maxGap", 0, 124, d.maxGap()),
                r.bool("writeMultiple", d.writeMultiple()),
                r.duration("interFrameDelay", d.interFrameDelay(), false));
    }

    static OpcUaConfig bindOpcUa(MapReader r) {
        OpcUaConfig d = OpcUaConfig.of("");
        Optional<ScalarValue> url = r.required("url").filter(UrlChecks::opcUa);
        OpcUaConfig.Security security =
                r.choice("security", ScalarValue.names(OpcUaConfig.Security.values()), d.security());
        Optional<String> policy = r.value("policy")
                .filter(v -> {
                    if (!POLICIES.contains(v.text())) {
                        v.error("must be one of " + String.join(", ", POLICIES) + " "
                                + v.scalar().was()
                                + (v.scalar().substituted() ? "" : DidYouMean.hint(v.text(), POLICIES)));
                        return false;
                    }
                    boolean none = v.text().equals("None");
                    if (none != (security == OpcUaConfig.Security.NONE)) {
                        v.error(
                                none
                                        ? "None does not fit security: " + ScalarValue.nameOf(security)
                                        : "a policy needs security: sign or signAndEncrypt (security is none)");
                        return false;
                    }
                    return true;
                })
                .map(ScalarValue::text);
        Optional<String> username = r.text("username");
        Optional<Secret> password = r.secret("password");
        if (password.isPresent() && username.isEmpty()) r.error("password", "needs username");
        Optional<Path> userCert = r.file("userCert", true);
        Optional<Path> userKey = r.file("userKey", true);
        if (r.has("userCert") != r.has("userKey")) {
            r.error(r.has("userCert") ? "userCert" : "userKey", "userCert and userKey go together");
        }
        if (r.has("userCert") && r.has("username")) {
            r.error("userCert", "choose one identity: username and password, or userCert and userKey");
        }
        boolean trustAll = r.bool("trustAll", d.trustAll());
        if (trustAll) {
            r.warn(
                    "trustAll",
                    "accepts any server certificate, so anyone on the network can pose as the server; use "
                            + "it for commissioning only");
        }
        return new OpcUaConfig(
                url.map(ScalarValue::text).map(String::strip).orElse(""),
                security,
                policy,
                username,
                password,
                userCert,
                userKey,
                trustAll,
                r.bool("endpointOverride", d.endpointOverride()),
                r.integer("queueSize", 1, 65535, d.queueSize()));
    }
}

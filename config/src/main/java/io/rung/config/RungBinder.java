package io.rung.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the whole file: {@code gateway}, {@code broker}, {@code http}, {@code devices}, {@code bridges}. */
final class RungBinder {
    static final Set<String> ROOT_KEYS = Set.of("gateway", "broker", "http", "devices", "bridges");
    private static final Set<String> GATEWAY_KEYS = Set.of("id");
    private static final Set<String> HTTP_KEYS = Set.of("port", "bind", "publicHost", "tls");
    private static final Pattern GATEWAY_ID = Pattern.compile("[a-z0-9_-]{1,64}");

    private RungBinder() {}

    /** @param root empty for an empty file: every section takes its defaults */
    static RungConfig bind(Optional<YamlNode> root, Binding binding) {
        YamlNode node = root.orElseGet(() -> new YamlNode.Scalar("", "", false, true, false, 1, 1));
        MapReader r = MapReader.of(binding, "", node, ROOT_KEYS);
        GatewayConfig gateway =
                r.section("gateway", GATEWAY_KEYS).map(RungBinder::bindGateway).orElseGet(GatewayConfig::defaults);
        PortClaims ports = new PortClaims();
        BrokerConfig broker = r.section("broker", BrokerBinder.BROKER_KEYS)
                .map(b -> BrokerBinder.bindBroker(b, ports))
                .orElseGet(() -> BrokerConfig.defaults(binding.baseDir()));
        Optional<HttpConfig> http = r.section("http", HTTP_KEYS).map(h -> bindHttp(h, ports));
        List<DeviceConfig> devices = DeviceBinder.bindDevices(r);
        List<BridgeConfig> bridges = BridgeBinder.bindBridges(r, gateway.id());
        return new RungConfig(binding.problems().source(), binding.baseDir(), gateway, broker, http, devices, bridges);
    }

    static GatewayConfig bindGateway(MapReader r) {
        return new GatewayConfig(r.value("id")
                .filter(v -> {
                    boolean ok = GATEWAY_ID.matcher(v.text()).matches();
                    if (!ok)
                        v.error("must be 1 to 64 lower-case letters, digits, '_' or '-' "
                                + v.scalar().was());
                    return ok;
                })
                .map(ScalarValue::text)
                .orElseGet(GatewayConfig::defaultId));
    }

    static HttpConfig bindHttp(MapReader r, PortClaims ports) {
        Optional<ScalarValue> portValue = r.required("port");
        int port =
                portValue.flatMap(v -> v.integer(0, 65535)).map(Long::intValue).orElse(0);
        Optional<String> bind = r.text("bind");
        portValue.ifPresent(v -> ports.claim(port, bind, "http", v));
        return new HttpConfig(
                port,
                bind,
                r.text("publicHost"),
                r.section("tls", BrokerBinder.HTTP_TLS_KEYS).map(BrokerBinder::bindTls));
    }
}

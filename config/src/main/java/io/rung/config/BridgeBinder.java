package io.rung.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Binds {@code bridges:}: remote URL and identity, TLS, forwarding rules, status topic and disk buffer. */
final class BridgeBinder {
    static final Set<String> BRIDGE_KEYS = Set.of(
            "name",
            "url",
            "username",
            "password",
            "clientId",
            "protocol",
            "keepAlive",
            "cleanStart",
            "required",
            "tryPrivate",
            "statusTopic",
            "tls",
            "out",
            "in",
            "buffer");
    private static final Set<String> TLS_KEYS = Set.of("ca", "cert", "key", "keyPassword", "verifyHostname", "sni");
    private static final Set<String> OUT_KEYS = Set.of("topic", "prefix", "qos");
    private static final Set<String> IN_KEYS = Set.of("topic", "strip", "qos");
    private static final Set<String> BUFFER_KEYS = Set.of("maxMessages", "maxBytes");
    private static final Map<String, BridgeConfig.Protocol> PROTOCOLS = protocols();

    private BridgeBinder() {}

    static List<BridgeConfig> bindBridges(MapReader root, String gatewayId) {
        Map<String, String> names = new HashMap<>();
        List<BridgeConfig> bridges = new ArrayList<>();
        for (MapReader r : root.list("bridges", BRIDGE_KEYS)) {
            bridges.add(bindBridge(r, gatewayId, v -> {
                String first = names.putIfAbsent(v.text(), r.path());
                if (first != null) v.error("name " + v.scalar().shown() + " is already used by " + first);
                return first == null;
            }));
        }
        return bridges;
    }

    static BridgeConfig bindBridge(MapReader r, String gatewayId, Predicate<ScalarValue> unique) {
        String name = r.required("name")
                .filter(v -> {
                    boolean ok = Topics.NAME.matcher(v.text()).matches();
                    if (!ok)
                        v.error("must be letters, digits, '_', '.' or '-' "
                                + v.scalar().was());
                    return ok;
                })
                .filter(unique)
                .map(ScalarValue::text)
                .orElse("");
        Optional<ScalarValue> urlValue = r.required("url");
        Optional<UrlChecks.Parts> url = urlValue.flatMap(UrlChecks::bridge);
        Optional<String> username = r.text("username");
        Optional<Secret> password = r.secret("password");
        if (password.isPresent() && username.isEmpty()) r.error("password", "needs username");
        String clientId = r.text("clientId", "rung-" + gatewayId + "-" + name);
        if (clientId.isEmpty()) r.error("clientId", "must not be empty");
        Duration keepAlive = r.duration("keepAlive", Duration.ofSeconds(60), false);
        if (keepAlive.toMillis() % 1000 != 0 || keepAlive.getSeconds() > 65535) {
            r.error("keepAlive", "must be whole seconds between 0 and 65535s");
        }
        Optional<MapReader> tlsSection = r.section("tls", TLS_KEYS);
        BridgeConfig.BridgeTlsConfig tls =
                tlsSection.map(BridgeBinder::bindTls).orElseGet(BridgeConfig.BridgeTlsConfig::defaults);
        if (tlsSection.isPresent() && url.isPresent() && !UrlChecks.isTls(url.get())) {
            r.error("tls", "is set but the url is not encrypted; use mqtts:// or ssl://");
        }
        List<BridgeConfig.Rule> out = rules(r, "out", OUT_KEYS, "prefix");
        List<BridgeConfig.Rule> in = rules(r, "in", IN_KEYS, "strip");
        if (out.isEmpty() && in.isEmpty()) r.warn("out", "no out or in rules: the bridge forwards nothing");
        String defaultStatus = (out.isEmpty() ? "" : out.get(0).rewrite()) + "gateway/" + gatewayId + "/$status";
        String statusTopic = r.value("statusTopic")
                .filter(v -> v.passes(Topics.nameProblem(v.text())))
                .map(ScalarValue::text)
                .orElse(defaultStatus);
        BridgeConfig.BufferConfig buffer = r.section("buffer", BUFFER_KEYS)
                .map(BridgeBinder::bindBuffer)
                .orElseGet(BridgeConfig.BufferConfig::defaults);
        return new BridgeConfig(
                name,
                urlValue.map(v -> v.text().strip()).orElse(""),
                username,
                password,
                clientId,
                r.choice("protocol", PROTOCOLS, BridgeConfig.Protocol.MQTT_5),
                keepAlive,
                r.bool("cleanStart", true),
                r.bool("required", false),
                r.bool("tryPrivate", true),
                statusTopic,
                tls,
                out,
                in,
                buffer);
    }

    private static Map<String, BridgeConfig.Protocol> protocols() {
        Map<String, BridgeConfig.Protocol> m = new LinkedHashMap<>();
        m.put("5", BridgeConfig.Protocol.MQTT_5);
        m.put("3.1.1", BridgeConfig.Protocol.MQTT_3_1_1);
        return m;
    }

    static BridgeConfig.BridgeTlsConfig bindTls(MapReader r) {
        Optional<Path> cert = r.file("cert", true);
        Optional<Path> key = r.file("key", true);
        if (r.has("cert") != r.has("key")) r.error(r.has("cert") ? "cert" : "key", "cert and key go together");
        return new BridgeConfig.BridgeTlsConfig(
                r.file("ca", true), cert, key, r.secret("keyPassword"), r.bool("verifyHostname", true), r.text("sni"));
    }

    /** {@code out} rules add {@code prefix}, {@code in} rules remove {@code strip}: both become {@code rewrite}. */
    private static List<BridgeConfig.Rule> rules(MapReader r, String key, Set<String> keys, String rewriteKey) {
        List<BridgeConfig.Rule> rules = new ArrayList<>();
        for (MapReader rule : r.list(key, keys)) {
            String topic = rule.required("topic")
                    .filter(v -> v.passes(Topics.filterProblem(v.text())))
                    .map(ScalarValue::text)
                    .orElse("#");
            String rewrite = rule.value(rewriteKey)
                    .filter(v -> v.text().isEmpty() || v.passes(Topics.nameProblem(v.text())))
                    .map(ScalarValue::text)
                    .orElse("");
            if (!rewrite.isEmpty() && !rewrite.endsWith("/")) {
                rule.warn(rewriteKey, "does not end with '/', so it joins the first topic level");
            }
            rules.add(new BridgeConfig.Rule(topic, rewrite, rule.integer("qos", 0, 2, 1)));
        }
        return rules;
    }

    static BridgeConfig.BufferConfig bindBuffer(MapReader r) {
        BridgeConfig.BufferConfig d = BridgeConfig.BufferConfig.defaults();
        Optional<ScalarValue> bytes = r.value("maxBytes");
        DataSize maxBytes = bytes.flatMap(ScalarValue::size).orElse(d.maxBytes());
        if (maxBytes.bytes() == 0) {
            bytes.ifPresent(v -> v.error("must be larger than 0"));
            maxBytes = d.maxBytes();
        }
        return new BridgeConfig.BufferConfig(
                r.integer("maxMessages", 1, Long.MAX_VALUE).orElse(d.maxMessages()), maxBytes);
    }
}

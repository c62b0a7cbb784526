package io.rung.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds {@code broker:}: listeners, auth and ACL, persistence, limits. */
final class BrokerBinder {
    static final Set<String> BROKER_KEYS = Set.of("listeners", "auth", "persistence", "limits", "sysInterval");
    private static final Set<String> LISTENER_KEYS = Set.of("port", "bind", "websocket", "tls");
    private static final Set<String> LISTENER_TLS_KEYS =
            Set.of("cert", "key", "keyPassword", "clientCa", "useCertificateAsUsername");
    static final Set<String> HTTP_TLS_KEYS = Set.of("cert", "key", "keyPassword");
    private static final Set<String> AUTH_KEYS = Set.of("anonymous", "passwordFile", "acl");
    private static final Set<String> ACL_KEYS = Set.of("user", "topic", "access");
    private static final Set<String> PERSISTENCE_KEYS = Set.of("dir", "fsync");
    private static final Set<String> LIMITS_KEYS = Set.of(
            "maxPacketSize",
            "maxQueuedMessages",
            "maxInflight",
            "maxKeepAlive",
            "receiveMaximum",
            "maxSessionExpiry",
            "topicAliasMaximum");
    private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFEL;

    private BrokerBinder() {}

    static BrokerConfig bindBroker(MapReader r, PortClaims ports) {
        List<ListenerConfig> listeners;
        if (r.has("listeners")) {
            listeners = new ArrayList<>();
            for (MapReader l : r.list("listeners", LISTENER_KEYS)) listeners.add(bindListener(l, ports));
            if (listeners.isEmpty()) {
                r.warn("listeners", "no listeners: only the gateway and bridges can use the broker");
            }
        } else {
            listeners = ListenerConfig.defaults();
        }
        Optional<AuthConfig> auth = r.section("auth", AUTH_KEYS).map(BrokerBinder::bindAuth);
        auth.ifPresent(a -> warnIfNobodyCanLogIn(r, a, listeners));
        PersistenceConfig persistence = bindPersistence(r.section("persistence", PERSISTENCE_KEYS), r.binding());
        LimitsConfig limits =
                r.section("limits", LIMITS_KEYS).map(BrokerBinder::bindLimits).orElseGet(LimitsConfig::defaults);
        return new BrokerConfig(
                listeners,
                auth,
                persistence,
                limits,
                r.duration("sysInterval", BrokerConfig.DEFAULT_SYS_INTERVAL, false));
    }

    static ListenerConfig bindListener(MapReader r, PortClaims ports) {
        Optional<ScalarValue> portValue = r.required("port");
        int port =
                portValue.flatMap(v -> v.integer(0, 65535)).map(Long::intValue).orElse(0);
        Optional<String> bind = r.text("bind");
        Optional<String> websocket = r.value("websocket")
                .filter(v -> {
                    boolean ok = v.text().startsWith("/");
                    if (!ok)
                        v.error("must be a path starting with '/', such as /mqtt "
                                + v.scalar().was());
                    return ok;
                })
                .map(ScalarValue::text);
        Optional<TlsConfig> tls = r.section("tls", LISTENER_TLS_KEYS).map(BrokerBinder::bindTls);
        String kind = (tls.isPresent() ? "mqtts" : "mqtt") + (websocket.isPresent() ? " over websocket" : "");
        portValue.ifPresent(v -> ports.claim(port, bind, r.path() + " (" + kind + ")", v));
        return new ListenerConfig(port, bind, websocket, tls);
    }

    /** TLS of a listener or of HTTP (which allows only cert, key and keyPassword). */
    static TlsConfig bindTls(MapReader r) {
        Path cert = r.required("cert").isPresent() ? r.file("cert", true).orElse(Path.of("")) : Path.of("");
        Path key = r.required("key").isPresent() ? r.file("key", true).orElse(Path.of("")) : Path.of("");
        Optional<Path> clientCa = r.file("clientCa", true);
        boolean certAsUser = r.bool("useCertificateAsUsername", false);
        if (certAsUser && !r.has("clientCa")) {
            r.error("useCertificateAsUsername", "needs clientCa: only verified client certificates can name a user");
        }
        return new TlsConfig(cert, key, r.secret("keyPassword"), clientCa, certAsUser);
    }

    static AuthConfig bindAuth(MapReader r) {
        List<AclRuleConfig> acl = new ArrayList<>();
        for (MapReader rule : r.list("acl", ACL_KEYS)) acl.add(bindAclRule(rule));
        return new AuthConfig(r.bool("anonymous", false), r.file("passwordFile", true), acl);
    }

    static AclRuleConfig bindAclRule(MapReader r) {
        String user = r.required("user").map(ScalarValue::text).orElse("*");
        String topic = r.required("topic")
                .filter(v -> v.passes(Topics.filterProblem(v.text())))
                .map(ScalarValue::text)
                .orElse("#");
        AclRuleConfig.Access access = r.required("access")
                .flatMap(v -> v.choice(ScalarValue.names(AclRuleConfig.Access.values())))
                .orElse(AclRuleConfig.Access.DENY);
        return new AclRuleConfig(user, topic, access);
    }

    private static void warnIfNobodyCanLogIn(MapReader r, AuthConfig auth, List<ListenerConfig> listeners) {
        boolean certUsers = listeners.stream()
                .anyMatch(l -> l.tls().map(TlsConfig::useCertificateAsUsername).orElse(false));
        if (!auth.anonymous() && auth.passwordFile().isEmpty() && !certUsers) {
            r.warn(
                    "auth",
                    "no passwordFile, anonymous is false and no listener takes certificate user names: "
                            + "no client can connect");
        }
    }

    static PersistenceConfig bindPersistence(Optional<MapReader> section, Binding binding) {
        PersistenceConfig defaults = PersistenceConfig.defaults(binding.baseDir());
        if (section.isEmpty()) return defaults;
        MapReader r = section.get();
        Path dir = r.file("dir", false).orElse(defaults.dir());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            r.error("dir", "must be a folder, but a file of that name exists");
        }
        return new PersistenceConfig(
                dir, r.choice("fsync", ScalarValue.names(PersistenceConfig.Fsync.values()), defaults.fsync()));
    }

    static LimitsConfig bindLimits(MapReader r) {
        LimitsConfig d = LimitsConfig.defaults();
        Optional<ScalarValue> size = r.value("maxPacketSize");
        DataSize maxPacketSize = size.flatMap(ScalarValue::size).orElse(d.maxPacketSize());
        if (maxPacketSize.bytes() < 64 || maxPacketSize.bytes() > 268_435_460L) {
            size.ifPresent(
                    v -> v.error("must be between 64B and 256MiB " + v.scalar().was()));
            maxPacketSize = d.maxPacketSize();
        }
        Duration expiry = r.duration("maxSessionExpiry", d.maxSessionExpiry(), false);
        if (expiry.getSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
            r.error("maxSessionExpiry", "must be at most 4294967294s, the MQTT 5 limit");
        }
        return new LimitsConfig(
                maxPacketSize,
                r.integer("maxQueuedMessages", 0, Integer.MAX_VALUE, d.maxQueuedMessages()),
                r.integer("maxInflight", 1, 65535, d.maxInflight()),
                r.integer("maxKeepAlive", 1, 65535, d.maxKeepAlive()),
                r.integer("receiveMaximum", 1, 65535, d.receiveMaximum()),
                expiry,
                r.integer("topicAliasMaximum", 0, 65535, d.topicAliasMaximum()));
    }
}

package io.rung.broker.bridge;

import io.rung.config.BridgeConfig;
import io.rung.config.DataSize;
import io.rung.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@link BridgeConfig} records for tests, with the defaults the config loader would apply: bridge
 * {@code cloud}, {@code out: building-b/# → site-1/}, {@code in: site-1/building-b/+/+/+/set, strip site-1/}.
 */
final class TestBridge {
    static final String STATUS_TOPIC = "site-1/gateway/test/$status";

    private String name = "cloud";
    private String url;
    private Optional<String> username = Optional.empty();
    private Optional<Secret> password = Optional.empty();
    private BridgeConfig.Protocol protocol = BridgeConfig.Protocol.MQTT_5;
    private boolean tryPrivate = true;
    private boolean cleanStart = true;
    private BridgeConfig.BridgeTlsConfig tls = BridgeConfig.BridgeTlsConfig.defaults();
    private List<BridgeConfig.Rule> out = List.of(new BridgeConfig.Rule("building-b/#", "site-1/", 1));
    private List<BridgeConfig.Rule> in = List.of(new BridgeConfig.Rule("site-1/building-b/+/+/+/set", "site-1/", 1));
    private BridgeConfig.BufferConfig buffer = BridgeConfig.BufferConfig.defaults();
    private Duration keepAlive = Duration.ofSeconds(60);

    private TestBridge(String url) {
        this.url = url;
    }

    static TestBridge to(String url) {
        return new TestBridge(url);
    }

    static TestBridge to(RemoteMosquitto remote) {
        return new TestBridge("mqtt://127.0.0.1:" + remote.port());
    }

    TestBridge name(String v) {
        name = v;
        return this;
    }

    TestBridge url(String v) {
        url = v;
        return this;
    }

    TestBridge protocol(BridgeConfig.Protocol v) {
        protocol = v;
        return this;
    }

    TestBridge tryPrivate(boolean v) {
        tryPrivate = v;
        return this;
    }

    TestBridge cleanStart(boolean v) {
        cleanStart = v;
        return this;
    }

    TestBridge tls(BridgeConfig.BridgeTlsConfig v) {
        tls = v;
        return this;
    }

    TestBridge keepAlive(Duration v) {
        keepAlive = v;
        return this;
    }

    TestBridge out(BridgeConfig.Rule... v) {
        out = List.of(v);
        return this;
    }

    TestBridge in(BridgeConfig.Rule... v) {
        in = List.of(v);
        return this;
    }

    TestBridge buffer(long maxMessages, DataSize maxBytes) {
        buffer = new BridgeConfig.BufferConfig(maxMessages, maxBytes);
        return this;
    }

    TestBridge login(String user, String pass) {
        username = Optional.of(user);
        password = Optional.of(new Secret(pass));
        return this;
    }

    BridgeConfig build() {
        return new BridgeConfig(
                name,
                url,
                username,
                password,
                "rung-test-" + name,
                protocol,
                keepAlive,
                cleanStart,
                false,
                tryPrivate,
                STATUS_TOPIC,
                tls,
                out,
                in,
                buffer);
    }
}

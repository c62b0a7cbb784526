package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bridge URLs, identity defaults, TLS and rules. */
class BridgeConfigTest {
    @TempDir
    Path dir;

    private ConfigFixture fixture() {
        return new ConfigFixture(dir);
    }

    @Test
    void clientIdAndStatusTopicDefaultFromGatewayIdAndFirstOutRule() {
        BridgeConfig b = fixture().ok("""
                gateway: { id: gw-9 }
                bridges:
                  - name: cloud
                    url: mqtt://broker.example.com
                    out: [ { topic: "plant/#", prefix: "site-2/" }, { topic: "x/#", prefix: "other/" } ]
                """).bridges().get(0);
        assertThat(b.clientId()).isEqualTo("rung-gw-9-cloud");
        assertThat(b.statusTopic()).isEqualTo("site-2/gateway/gw-9/$status");
    }

    @Test
    void statusTopicWithoutOutRulesHasNoPrefix() {
        BridgeConfig b = fixture().ok("""
                gateway: { id: gw-9 }
                bridges: [ { name: c, url: "tcp://h:1883", in: [ { topic: "cmd/#", strip: "", qos: 2 } ] } ]
                """).bridges().get(0);
        assertThat(b.statusTopic()).isEqualTo("gateway/gw-9/$status");
        assertThat(b.in()).containsExactly(new BridgeConfig.Rule("cmd/#", "", 2));
    }

    @Test
    void explicitSettingsOverrideDefaults() {
        BridgeConfig b = fixture().ok("""
                bridges:
                  - name: c
                    url: "ssl://h:8883"
                    clientId: my-client
                    protocol: 3.1.1
                    keepAlive: 30s
                    cleanStart: false
                    required: true
                    tryPrivate: false
                    statusTopic: status/c
                    tls: { verifyHostname: false, sni: cloud.example.com }
                    out: [ { topic: "#", qos: 0 } ]
                    buffer: { maxMessages: 10, maxBytes: 1MiB }
                """).bridges().get(0);
        assertThat(b.clientId()).isEqualTo("my-client");
        assertThat(b.protocol()).isEqualTo(BridgeConfig.Protocol.MQTT_3_1_1);
        assertThat(b.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.cleanStart()).isFalse();
        assertThat(b.required()).isTrue();
        assertThat(b.tryPrivate()).isFalse();
        assertThat(b.statusTopic()).isEqualTo("status/c");
        assertThat(b.tls())
                .isEqualTo(new BridgeConfig.BridgeTlsConfig(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.of("cloud.example.com")));
        assertThat(b.out()).containsExactly(new BridgeConfig.Rule("#", "", 0));
        assertThat(b.buffer()).isEqualTo(new BridgeConfig.BufferConfig(10, DataSize.ofMiB(1)));
    }

    @Test
    void urlSchemeMustBeAnMqttOne() {
        fixture()
                .failsWith(
                        "bridges: [ { name: c, url: \"ws://h/mqtt\", out: [ { topic: \"#\" } ] } ]",
                        "rung.yaml:1:28: bridges[0].url: scheme must be one of mqtt, mqtts, tcp, ssl (was 'ws')");
    }

    @Test
    void protocolIsFiveOrThreeOneOne() {
        fixture()
                .failsWith(
                        "bridges: [ { name: c, url: \"mqtt://h\", protocol: 3.1, out: [ { topic: \"#\" } ] } ]",
                        "rung.yaml:1:50: bridges[0].protocol: must be one of 5, 3.1.1 (was 3.1)");
    }

    @Test
    void bridgeNamesAreUnique() {
        fixture().failsWith("""
                bridges:
                  - { name: c, url: "mqtt://a", out: [ { topic: "#" } ] }
                  - { name: c, url: "mqtt://b", out: [ { topic: "#" } ] }
                """, "rung.yaml:3:13: bridges[1].name: name 'c' is already used by bridges[0]");
    }

    @Test
    void tlsSettingsOnAPlainUrlAreRefused() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "ca");
        fixture()
                .failsWith(
                        "bridges: [ { name: c, url: \"mqtt://h\", tls: { ca: ca.crt }, out: [ { topic: \"#\" } ] } ]",
                        "rung.yaml:1:45: bridges[0].tls: is set but the url is not encrypted; use mqtts:// or ssl://");
    }

    @Test
    void ruleTopicsAreValidFiltersAndPrefixesHaveNoWildcards() {
        assertThat(fixture()
                        .problems("bridges: [ { name: c, url: \"mqtt://h\", out: [ { topic: \"a#\", prefix: "
                                + "\"s/+/\" } ] } ]"))
                .containsExactly(
                        "rung.yaml:1:56: bridges[0].out[0].topic: '#' must be a whole level and the last one (was 'a#')",
                        "rung.yaml:1:70: bridges[0].out[0].prefix: must not contain the wildcards '+' or '#' (was 's/+/')");
    }

    @Test
    void bridgeWithoutRulesIsAWarning() {
        assertThat(fixture().warnings("bridges: [ { name: c, url: \"mqtt://h\" } ]"))
                .containsExactly(
                        "rung.yaml:1:12: warning: bridges[0].out: no out or in rules: the bridge forwards nothing");
    }
}

package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSubstitutionTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @TempDir
    Path dir;

    private ConfigFixture fixture(Map<String, String> env) {
        return new ConfigFixture(dir, env);
    }

    @Test
    void variableIsReplacedInsideAScalar() {
        RungConfig config = fixture(Map.of("SITE", "edge-07", "PORT", "1884")).ok("""
                gateway: { id: "${SITE}" }
                broker: { listeners: [ { port: "${PORT}", bind: "127.0.0.1" } ] }
                """);
        assertThat(config.gateway().id()).isEqualTo("edge-07");
        assertThat(config.broker().listeners()).containsExactly(ListenerConfig.tcp("127.0.0.1", 1884));
    }

    @Test
    void defaultIsUsedWhenTheVariableIsUnsetOrEmpty() {
        String yaml = "broker: { listeners: [ { port: \"${PORT:-1885}\" } ] }\n";
        assertThat(fixture(Map.of()).ok(yaml).broker().listeners().get(0).port())
                .isEqualTo(1885);
        assertThat(fixture(Map.of("PORT", ""))
                        .ok(yaml)
                        .broker()
                        .listeners()
                        .get(0)
                        .port())
                .isEqualTo(1885);
        assertThat(fixture(Map.of("PORT", "1999"))
                        .ok(yaml)
                        .broker()
                        .listeners()
                        .get(0)
                        .port())
                .isEqualTo(1999);
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorAtItsLocation() {
        fixture(Map.of())
                .failsWith(
                        """
                bridges:
                  - name: cloud
                    url: mqtts://cloud.example.com
                    username: edge
                    password: ${CLOUD_PASSWORD}
                    out: [ { topic: "a/#" } ]
                """,
                        "rung.yaml:5:15: bridges[0].password: environment variable CLOUD_PASSWORD is not set "
                                + "(write ${CLOUD_PASSWORD:-default} to give a default)");
    }

    @Test
    void keysAreNeverSubstituted() {
        fixture(Map.of("K", "broker")).failsWith("${K}: {}\n", "rung.yaml:1:1: unknown key '${K}'");
    }

    @Test
    void doubleDollarKeepsALiteralPlaceholder() {
        RungConfig config = fixture(Map.of()).ok("""
                bridges:
                  - { name: b, url: "mqtt://h", username: u, password: "a$${X}b", out: [ { topic: "#" } ] }
                """);
        assertThat(config.bridges().get(0).password().orElseThrow().value()).isEqualTo("a${X}b");
    }

    @Test
    void emptySubstitutionMeansTheKeyIsNotSet() {
        RungConfig config = fixture(Map.of()).ok("""
                bridges:
                  - { name: b, url: "mqtt://h", username: "${USER_NAME:-}", out: [ { topic: "#" } ] }
                """);
        assertThat(config.bridges().get(0).username()).isEmpty();
    }

    @Test
    void substitutedValueNeverAppearsInAMessage() {
        ConfigException e = fixture(
                        Map.of("PW", SECRET, "PORT", SECRET, "URL", "mqtt://u:" + SECRET + "@h", "SIZE", SECRET))
                .failure("""
                broker:
                  listeners: [ { port: "${PORT}" } ]
                  limits: { maxPacketSize: "${SIZE}" }
                devices:
                  - name: tank
                    topic: t
                    opcua: { url: "opc.tcp://h:4840", security: "${PW}", password: "${PW}" }
                    points: [ { name: "${PW}", node: "ns=1;s=x" } ]
                bridges:
                  - { name: b, url: "${URL}", password: "${PW}", out: [ { topic: "#" } ] }
                """);
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("(from '${PORT}', value not shown)");
        assertThat(e.problems())
                .extracting(Problem::toString)
                .contains(
                        "rung.yaml:2:24: broker.listeners[0].port: must be a whole number (from '${PORT}', value not shown)",
                        "rung.yaml:10:21: bridges[0].url: must not contain a user name or password; use the username and "
                                + "password keys");
    }

    @Test
    void passwordIsNeverEchoedEvenWhenWrittenInline() {
        ConfigException e = fixture(Map.of()).failure("""
                bridges:
                  - { name: b, url: "mqtt://admin:hunter2@h", password: hunter2, out: [ { topic: "#" } ] }
                """);
        assertThat(e.getMessage())
                .doesNotContain("hunter2")
                .contains("rung.yaml:2:21: bridges[0].url: must not contain a user name or password")
                .contains("rung.yaml:2:57: bridges[0].password: needs username");
    }

    @Test
    void malformedReferenceIsAProblem() {
        fixture(Map.of())
                .failsWith(
                        "gateway: { id: \"${NO_END\" }\n",
                        "rung.yaml:1:16: gateway.id: '${' without a closing '}' (write $${ for a literal '${')");
    }
}

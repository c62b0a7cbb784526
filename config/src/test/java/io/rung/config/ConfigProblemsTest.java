package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigProblemsTest {
    @TempDir
    Path dir;

    private ConfigFixture fixture() {
        return new ConfigFixture(dir);
    }

    @Test
    void portOutOfRangeIsReportedAtTheValueWithRuleAndValue() {
        fixture().failsWith("""
                broker:
                  listeners:
                  - port: 70000
                """, "rung.yaml:3:11: broker.listeners[0].port: must be between 0 and 65535 (was 70000)");
    }

    @Test
    void threeMistakesGiveThreeLocatedProblemsAndASummary() {
        ConfigException e = fixture().failure("""
                broker:
                  listeners:
                    - port: 1883
                    - port: 70000
                devices:
                  - name: plc-1
                    topic: plant/plc-1
                    modbus: { url: "tcp://127.0.0.1:502" }
                    points:
                      - { name: speed, adress: holding:1 }
                bridges:
                  - name: cloud
                    url: http://cloud.example.com
                """);
        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "rung.yaml:4:13: broker.listeners[1].port: must be between 0 and 65535 (was 70000)",
                        "rung.yaml:10:24: devices[0].points[0]: unknown key 'adress' (did you mean 'address'?)",
                        "rung.yaml:13:10: bridges[0].url: scheme must be one of mqtt, mqtts, tcp, ssl (was 'http')");
        assertThat(e.getMessage()).endsWith("\n3 problems in rung.yaml; gateway not started.");
    }

    @Test
    void summarySaysOneProblemInTheSingular() {
        ConfigException e = fixture().failure("gateway: { id: Edge }\n");
        assertThat(e.getMessage()).isEqualTo("""
                rung.yaml:1:16: gateway.id: must be 1 to 64 lower-case letters, digits, '_' or '-' (was 'Edge')
                1 problem in rung.yaml; gateway not started.""");
    }

    @Test
    void unknownTopLevelKeyGetsAHint() {
        fixture().failsWith("brokr:\n  listeners: []\n", "rung.yaml:1:1: unknown key 'brokr' (did you mean 'broker'?)");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneGetsNoHint() {
        fixture().failsWith("broker:\n  colour: blue\n", "rung.yaml:2:3: broker: unknown key 'colour'");
    }

    @Test
    void duplicateKeyIsAProblem() {
        fixture()
                .failsWith(
                        "broker:\n  sysInterval: 5s\n  sysInterval: 6s\n",
                        "rung.yaml:3:3: broker: duplicate key 'sysInterval' (first set on line 2)");
    }

    @Test
    void badYamlSyntaxIsALocatedProblemNotAStackTrace() {
        fixture()
                .failsWith(
                        "broker:\n  listeners: [ { port: 1883 }\n",
                        "rung.yaml:3:1: yaml syntax error: expected ',' or ']', but got <stream end>");
    }

    @Test
    void tabIndentationIsALocatedProblem() {
        assertThat(fixture().problems("broker:\n\tsysInterval: 5s\n"))
                .singleElement()
                .asString()
                .startsWith("rung.yaml:2:1: yaml syntax error: found character '\\t(TAB)'");
    }

    @Test
    void sectionOfTheWrongKindIsAProblem() {
        fixture().failsWith("devices: plc-1\n", "rung.yaml:1:10: devices: must be a list (was a single value)");
        fixture().failsWith("broker: [1]\n", "rung.yaml:1:9: broker: must be a mapping of keys to values (was a list)");
    }

    @Test
    void emptyFileGivesTheBuiltInDefaults() {
        RungConfig config = fixture().ok("");
        assertThat(config.broker().listeners())
                .containsExactly(ListenerConfig.tcp(1883), ListenerConfig.websocket(8083, "/mqtt"));
        assertThat(config.broker().auth()).isEmpty();
        assertThat(config.broker().persistence().dir()).isEqualTo(dir.resolve("data"));
        assertThat(config.gateway().id()).isEqualTo(GatewayConfig.defaultId());
        assertThat(config.source()).isEqualTo("rung.yaml");
        assertThat(config.http()).isEmpty();
        assertThat(config.devices()).isEmpty();
    }

    @Test
    void fileWithOnlyBrokerIsFine() {
        assertThat(fixture().ok("broker:\n").broker()).isEqualTo(BrokerConfig.defaults(dir));
        assertThat(fixture().ok("# just a comment\n").broker()).isEqualTo(BrokerConfig.defaults(dir));
    }

    @Test
    void missingFileIsAProblemAtLineOneColumnOne() {
        Path missing = dir.resolve("rung.yaml");
        try {
            ConfigLoader.load(missing);
            throw new AssertionError("expected a problem");
        } catch (ConfigException e) {
            assertThat(e.getMessage())
                    .isEqualTo(missing + ":1:1: file not found\n1 problem in " + missing + "; gateway not started.");
        }
    }

    @Test
    void loadResolvesRelativePathsAgainstTheFilesFolder() throws Exception {
        Path sub = java.nio.file.Files.createDirectories(dir.resolve("etc"));
        Path file =
                java.nio.file.Files.writeString(sub.resolve("rung.yaml"), "broker: { persistence: { dir: state } }\n");
        RungConfig config = ConfigLoader.load(file);
        assertThat(config.broker().persistence().dir())
                .isEqualTo(sub.toAbsolutePath().resolve("state"));
        assertThat(config.baseDir()).isEqualTo(sub.toAbsolutePath());
        assertThat(config.source()).isEqualTo(file.toString());
    }

    @Test
    void emptyValueIsAProblemNotASilentDefault() {
        fixture()
                .failsWith(
                        "broker:\n  sysInterval:\n",
                        "rung.yaml:2:15: broker.sysInterval: has no value (leave the key out to use the default)");
    }

    @Test
    void mergeKeysShareSettingsBetweenEntries() {
        RungConfig config = fixture().ok("""
                broker:
                  listeners:
                    - &plain { port: 1883, bind: 127.0.0.1 }
                    - { <<: *plain, port: 1884 }
                """);
        assertThat(config.broker().listeners())
                .containsExactly(ListenerConfig.tcp("127.0.0.1", 1883), ListenerConfig.tcp("127.0.0.1", 1884));
    }
}

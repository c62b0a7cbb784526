package io.rung.gateway.opcua;

import static io.rung.gateway.opcua.GatewayRig.NS;
import static io.rung.gateway.opcua.GatewayRig.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.drivers.sim.OpcUaSimulator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rung's OPC UA simulator → gateway → broker → a real MQTT 5 client, in both modes: values of every kind are
 * published as JSON, and commands on {@code …/set} are written to the simulator and answered on {@code …/set/result}.
 */
class OpcUaEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private OpcUaSimulator sim;
    private GatewayRig rig;

    @BeforeEach
    void startSimulator() throws Exception {
        sim = new OpcUaSimulator();
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) rig.close();
        if (sim != null) sim.close();
    }

    @ParameterizedTest(name = "mode: {0}")
    @ValueSource(strings = {"subscribe", "poll"})
    void valuesOfEveryKindArePublishedAsJson(String mode) throws Exception {
        rig = GatewayRig.start(dir, device(mode));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Json.of(rig.status()).path("state").asText()).isEqualTo("online");
            assertThat(good("level").path("value").isDouble()).isTrue();
            assertThat(good("temperature").path("unit").asText()).isEqualTo("°C");
            assertThat(good("temperature").path("value").asDouble()).isBetween(18.9, 23.1);
            assertThat(good("counter").path("value").isIntegralNumber()).isTrue();
            assertThat(good("valve").path("value").isBoolean()).isTrue();
            assertThat(good("setpoint").path("value").asDouble()).isEqualTo(55.0);
            assertThat(good("name").path("value").asText()).isEqualTo("Tank 1");
            assertThat(good("last-service").path("value").asText()).isEqualTo("2026-01-15T08:30:00Z");
            assertThat(good("profile").path("value").toString()).isEqualTo("[10,20,30,40]");
            assertThat(good("int64").path("value").asLong()).isEqualTo(-9_000_000_000L);
            assertThat(good("uint64").path("value").bigIntegerValue())
                    .isEqualTo(new BigInteger("18000000000000000000"));
            assertThat(good("float").path("value").toString()).isEqualTo("1.25");
            assertThat(good("text").path("value").asText()).isEqualTo("Hello");
            assertThat(good("bytes").path("value").asText()).isEqualTo("AQID");
            assertThat(good("guid").path("value").asText()).isEqualTo("7d4c3f2e-0b1a-4c5d-9e8f-a1b2c3d4e5f6");
            JsonNode uncertain = Json.of(rig.latest("uncertain"));
            assertThat(uncertain.path("quality").asText()).isEqualTo("stale");
            assertThat(uncertain.path("value").asDouble()).isEqualTo(7.5);
            JsonNode bad = Json.of(rig.latest("broken"));
            assertThat(bad.path("quality").asText()).isEqualTo("bad");
            assertThat(bad.has("value")).isFalse();
            assertThat(bad.path("error").asText()).contains("Bad_SensorFailure");
        });
        JsonNode level = good("level");
        assertThat(level.path("ts").asLong()).isPositive();
    }

    @ParameterizedTest(name = "mode: {0}")
    @ValueSource(strings = {"subscribe", "poll"})
    void commandsAreWrittenToTheServerAndAnswered(String mode) throws Exception {
        rig = GatewayRig.start(dir, device(mode));
        await().atMost(WAIT)
                .until(() -> !rig.latest("setpoint").isEmpty()
                        && !rig.latest("valve").isEmpty());

        rig.mqtt.publish(TOPIC + "/setpoint/set", "{\"value\":61.5,\"id\":\"c-1\"}");
        rig.mqtt.publish(TOPIC + "/valve/set", "true");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(results()).anySatisfy(r -> {
                assertThat(r.path("ok").asBoolean()).isTrue();
                assertThat(r.path("id").asText()).isEqualTo("c-1");
                assertThat(r.path("value").asDouble()).isEqualTo(61.5);
            });
            assertThat(results()).anySatisfy(r -> {
                assertThat(r.path("ok").asBoolean()).isTrue();
                assertThat(r.path("value").asBoolean()).isTrue();
            });
            assertThat(sim.value("Tank1.Setpoint")).contains(61.5);
            assertThat(sim.value("Tank1.Valve")).contains(true);
            // after a write the point is read back and published
            assertThat(good("setpoint").path("value").asDouble()).isEqualTo(61.5);
            assertThat(good("valve").path("value").asBoolean()).isTrue();
        });
    }

    @ParameterizedTest(name = "mode: {0}")
    @ValueSource(strings = {"subscribe", "poll"})
    void writeToAReadOnlyNodeIsRefusedInWords(String mode) throws Exception {
        rig = GatewayRig.start(dir, device(mode));
        await().atMost(WAIT).until(() -> !rig.latest("last-service").isEmpty());
        Optional<Object> before = sim.value("Tank1.LastService");

        rig.mqtt.publish(TOPIC + "/last-service/set", "\"2030-01-01T00:00:00Z\"");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(results()).anySatisfy(r -> {
                    assertThat(r.path("ok").asBoolean()).isFalse();
                    assertThat(r.path("error").asText())
                            .isEqualTo("write failed: node " + NS + "Tank1.LastService is not writable"
                                    + " (Bad_NotWritable)");
                }));
        assertThat(sim.value("Tank1.LastService")).isEqualTo(before);
    }

    private JsonNode good(String point) {
        JsonNode node = Json.of(rig.latest(point));
        assertThat(node.path("quality").asText()).as("%s: %s", point, node).isEqualTo("good");
        return node;
    }

    private List<JsonNode> results() {
        List<String> all = new java.util.ArrayList<>(rig.mqtt.all(TOPIC + "/setpoint/set/result"));
        all.addAll(rig.mqtt.all(TOPIC + "/valve/set/result"));
        all.addAll(rig.mqtt.all(TOPIC + "/last-service/set/result"));
        return all.stream().map(Json::of).toList();
    }

    private String device(String mode) {
        return String.format(
                Locale.ROOT, """
                    opcua: { url: "%s", security: none }
                    mode: %s
                    poll: 200ms
                    points:
                      - { name: level,        node: "%sTank1.Level" }
                      - { name: temperature,  node: "%sTank1.Temperature", unit: "°C" }
                      - { name: counter,      node: "%sTank1.Counter" }
                      - { name: valve,        node: "%sTank1.Valve", write: true }
                      - { name: setpoint,     node: "%sTank1.Setpoint", write: true, min: 0, max: 100 }
                      - { name: name,         node: "%sTank1.Name" }
                      - { name: last-service, node: "%sTank1.LastService", write: true }
                      - { name: profile,      node: "%sTank1.Profile" }
                      - { name: int64,        node: "%sTypes.Int64" }
                      - { name: uint64,       node: "%sTypes.UInt64" }
                      - { name: float,        node: "%sTypes.Float" }
                      - { name: text,         node: "%sTypes.LocalizedText" }
                      - { name: bytes,        node: "%sTypes.ByteString" }
                      - { name: guid,         node: "%sTypes.Guid" }
                      - { name: uncertain,    node: "%sDiagnostics.Uncertain" }
                      - { name: broken,       node: "%sDiagnostics.Bad" }
                """, sim.url(), mode, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS, NS);
    }
}

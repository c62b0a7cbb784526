package io.rung.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.config.ConfigLoader;
import io.rung.gateway.Gateway;
import io.rung.gateway.modbus.TypeMatrix.Entry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type × byte order end to end against pymodbus: the peer's preset values arrive as exact MQTT payloads,
 * commands of every type land in the peer with the bytes Python's {@code struct} makes, and bad commands are
 * refused with the peer untouched.
 */
class ModbusTypeMatrixIT {
    private static final String TOPIC = "site/matrix";
    private static final int WRITE_BASE = 500;

    private final List<Entry> reads = TypeMatrix.entries("", 0);
    private final List<Entry> writes = TypeMatrix.entries("w-", WRITE_BASE);

    @TempDir
    Path dir;

    private RegisterPeer peer;
    private Gateway gateway;
    private MqttWatcher mqtt;

    @BeforeEach
    void start() throws Exception {
        Path spec = dir.resolve("spec.txt");
        List<String> lines = new ArrayList<>(reads.stream().map(Entry::specLine).toList());
        lines.add("200 int32 ABCD -123456789");
        lines.add("202 uint16 ABCD 40965"); // 1010 0000 0000 0101: bits 0, 2, 13, 15
        Files.write(spec, lines);
        peer = RegisterPeer.start(spec);
        String points = reads.stream().map(e -> e.yaml(false)).collect(Collectors.joining("\n  - ", "  - ", "\n"))
                + writes.stream().map(e -> e.yaml(true)).collect(Collectors.joining("\n  - ", "  - ", "\n"))
                + """
                  - { name: scaled, address: holding:200, type: int32, scale: 0.01 }
                  - { name: bit13, address: holding:202.13 }
                  - { name: bit14, address: holding:202.14 }
                  - { name: coil1, address: coil:1 }
                  - { name: discrete2, address: discrete:2 }
                  - { name: input5, address: input:5 }
                  - { name: w-scaled, address: holding:702, type: int32, scale: 0.01, write: true, min: -20000000, max: 20000000 }
                  - { name: w-bit, address: holding:700.4, write: true }
                  - { name: w-coil, address: coil:9, write: true }
                  - { name: limited, address: holding:704, type: uint16, write: true, min: 0, max: 1500 }
                """;
        String yaml = String.format(Locale.ROOT, """
                gateway: { id: test-gw }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                  - name: matrix
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: 1s }
                    poll: 500ms
                    points:
                """, TOPIC, peer.port()) + points.indent(4);
        gateway = Gateway.start(ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of()), false, line -> {});
        mqtt = MqttWatcher.watch(gateway, "matrix-test", TOPIC + "/#");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mqtt.latestJson(TOPIC + "/$status").path("state").asText())
                    .isEqualTo("online");
            assertThat(mqtt.latest(TOPIC + "/limited")).isPresent();
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (mqtt != null) mqtt.close();
        if (gateway != null) gateway.close();
        if (peer != null) peer.close();
    }

    private JsonNode value(String point) {
        JsonNode payload = mqtt.latestJson(TOPIC + "/" + point);
        assertThat(payload.path("quality").asText())
                .as("%s: %s", point, payload)
                .isEqualTo("good");
        return payload.get("value");
    }

    private static void assertSameValue(Entry e, JsonNode actual) {
        switch (e.type()) {
            case "string" -> assertThat(actual.textValue()).as(e.name()).isEqualTo(e.value());
            case "float32", "float64" ->
                assertThat(actual.decimalValue()).as(e.name()).isEqualByComparingTo(new BigDecimal(e.value()));
            default -> {
                assertThat(actual.isIntegralNumber())
                        .as("%s is an exact integer: %s", e.name(), actual)
                        .isTrue();
                assertThat(actual.bigIntegerValue()).as(e.name()).isEqualTo(new BigInteger(e.value()));
            }
        }
    }

    @Test
    void everyTypeAndByteOrderDecodesThePeersKnownValues() {
        for (Entry e : reads) assertSameValue(e, value(e.name()));
        assertThat(mqtt.latest(TOPIC + "/float32-abcd").orElseThrow().payload()).contains("\"value\":-273.15,");
        assertThat(value("scaled").decimalValue()).isEqualByComparingTo("-1234567.89");
        assertThat(value("bit13").booleanValue()).isTrue();
        assertThat(value("bit14").booleanValue()).isFalse();
        assertThat(value("coil1").booleanValue()).isTrue();
        assertThat(value("discrete2").booleanValue()).isTrue();
        assertThat(value("input5").intValue()).isEqualTo(105);
    }

    @Test
    void aWriteOfEveryTypeLandsInThePeerWithTheRightBytes() throws Exception {
        for (Entry e : writes) {
            String payload = e.type().equals("string") ? "\"" + e.value() + "\"" : e.value();
            JsonNode result = mqtt.commandAndAwaitResult(TOPIC + "/" + e.name(), payload);
            assertThat(result.path("ok").asBoolean())
                    .as("%s: %s", e.name(), result)
                    .isTrue();
        }
        assertThat(mqtt.commandAndAwaitResult(TOPIC + "/w-scaled", "-1234567.89")
                        .path("ok")
                        .asBoolean())
                .isTrue();
        assertThat(mqtt.commandAndAwaitResult(TOPIC + "/w-bit", "true")
                        .path("ok")
                        .asBoolean())
                .isTrue();
        assertThat(mqtt.commandAndAwaitResult(TOPIC + "/w-coil", "1").path("ok").asBoolean())
                .isTrue();

        Path spec = dir.resolve("written.txt");
        List<String> lines =
                new ArrayList<>(writes.stream().map(Entry::specLine).toList());
        lines.add("702 int32 ABCD -123456789");
        Files.write(spec, lines);
        List<List<Integer>> expected = RegisterPeer.encode(spec);
        List<Integer> registers = peer.read("holding", WRITE_BASE, 300);
        for (int i = 0; i < writes.size(); i++) {
            Entry e = writes.get(i);
            int from = e.address() - WRITE_BASE;
            assertThat(registers.subList(from, from + e.registers()))
                    .as(e.name())
                    .isEqualTo(expected.get(i));
        }
        assertThat(registers.subList(702 - WRITE_BASE, 704 - WRITE_BASE)).isEqualTo(expected.get(writes.size()));
        assertThat(registers.get(700 - WRITE_BASE)).isEqualTo(0x0010);
        assertThat(peer.read("coil", 8, 2)).containsExactly(0, 1);

        // each write is read back and published
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Entry e : writes) assertSameValue(e, value(e.name()));
        });
    }

    @Test
    void outOfRangeWrongTypeAndReadOnlyCommandsAreRefusedAndThePeerIsUntouched() throws Exception {
        List<Integer> holdingBefore = peer.read("holding", 0, 1000);
        List<Integer> coilsBefore = peer.read("coil", 0, 100);
        String[][] refused = {
            {"int16-abcd", "5", "point matrix/int16-abcd is not writable"},
            {"coil1", "false", "is not writable"},
            {"w-int16-abcd", "40000", "40000 does not fit int16"},
            {"w-uint16-abcd", "-1", "-1 does not fit uint16"},
            {"w-uint64-abcd", "18446744073709551616", "does not fit uint64"},
            {"w-float32-abcd", "1e39", "does not fit float32"},
            {"w-scaled", "30000000", "30000000 is above max 20000000"},
            {"limited", "1501", "1501 is above max 1500"},
            {"limited", "-3", "-3 is below min 0"},
            {"w-string-abcd", "\"a longer text\"", "does not fit point matrix/w-string-abcd"},
            {"w-int16-abcd", "fast", "is not a number"},
            {"w-int32-abcd", "true", "is not a number"},
            {"w-coil", "2", "is not a bool"},
            {"w-bit", "\"on\"", "is not a bool"},
            {"w-string-abcd", "42", "is not a string"},
        };
        for (String[] c : refused) {
            JsonNode result = mqtt.commandAndAwaitResult(TOPIC + "/" + c[0], c[1]);
            assertThat(result.path("ok").asBoolean())
                    .as("%s <- %s: %s", c[0], c[1], result)
                    .isFalse();
            assertThat(result.path("error").asText()).as("%s <- %s", c[0], c[1]).contains(c[2]);
        }
        assertThat(peer.read("holding", 0, 1000)).isEqualTo(holdingBefore);
        assertThat(peer.read("coil", 0, 100)).isEqualTo(coilsBefore);
    }
}

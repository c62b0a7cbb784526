package io.rung.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.config.ConfigLoader;
import io.rung.gateway.Gateway;
import io.rung.gateway.modbus.MqttWatcher.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Modbus peer (pymodbus, a separate process) killed while the gateway polls it, then started again on the same
 * port: {@code $status} and point quality follow within two polls, and recover without restarting Rung; another
 * device of the same gateway is not held up meanwhile.
 */
class ModbusFaultIT {
    private static final long POLL_MILLIS = 1000;
    private static final long TIMEOUT_MILLIS = 300;
    private static final String PLC = "site/plc";
    private static final String OTHER = "site/other";

    @TempDir
    Path dir;

    private RegisterPeer plc;
    private RegisterPeer other;
    private Gateway gateway;
    private MqttWatcher mqtt;

    @BeforeEach
    void start() throws Exception {
        Path spec = dir.resolve("spec.txt");
        Files.write(spec, List.of("0 int16 ABCD -12345", "1 float32 CDAB 21.5"));
        plc = RegisterPeer.start(spec);
        other = RegisterPeer.start(spec);
        String yaml = String.format(
                Locale.ROOT,
                """
                gateway: { id: test-gw }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                  - name: plc
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: %dms, retries: 0 }
                    poll: %dms
                    points:
                      - { name: pressure, address: holding:0, type: int16 }
                      - { name: temperature, address: holding:1, type: float32, order: CDAB }
                  - name: other
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: %dms, retries: 0 }
                    poll: %dms
                    heartbeat: 1s
                    points:
                      - { name: pressure, address: holding:0, type: int16 }
                """,
                PLC,
                plc.port(),
                TIMEOUT_MILLIS,
                POLL_MILLIS,
                OTHER,
                other.port(),
                TIMEOUT_MILLIS,
                POLL_MILLIS);
        gateway = Gateway.start(ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of()), false, line -> {});
        mqtt = MqttWatcher.watch(gateway, "fault-test", "site/#");
    }

    @AfterEach
    void stop() throws Exception {
        if (mqtt != null) mqtt.close();
        if (gateway != null) gateway.close();
        if (plc != null) plc.close();
        if (other != null) other.close();
    }

    private void awaitOnlineAndGood(Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            assertThat(mqtt.latestJson(PLC + "/$status").path("state").asText()).isEqualTo("online");
            assertThat(mqtt.latestJson(PLC + "/pressure").path("quality").asText())
                    .isEqualTo("good");
            assertThat(mqtt.latestJson(PLC + "/temperature").path("quality").asText())
                    .isEqualTo("good");
        });
        assertThat(mqtt.latestJson(PLC + "/pressure").path("value").intValue()).isEqualTo(-12345);
        assertThat(mqtt.latestJson(PLC + "/temperature").path("value").decimalValue())
                .isEqualByComparingTo("21.5");
    }

    /** The first message on {@code topic} that arrived after {@code millis}. */
    private JsonNode firstAfter(String topic, long millis) {
        return mqtt.on(topic).stream()
                .filter(r -> r.arrivedMillis() >= millis)
                .findFirst()
                .orElseThrow()
                .json();
    }

    @Test
    void killedPeerGoesOfflineAndBadWithinTwoPollsAndRecoversWhenItReturns() throws Exception {
        awaitOnlineAndGood(Duration.ofSeconds(30));

        long killed = System.currentTimeMillis();
        plc.kill();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(mqtt.latestJson(PLC + "/$status").path("state").asText()).isEqualTo("offline");
            assertThat(mqtt.latestJson(PLC + "/pressure").path("quality").asText())
                    .isEqualTo("bad");
            assertThat(mqtt.latestJson(PLC + "/temperature").path("quality").asText())
                    .isEqualTo("bad");
        });
        // ts is the gateway's clock when it saw the failure: at most two polls (and one timeout) after the kill
        long withinTwoPolls = killed + 2 * POLL_MILLIS + TIMEOUT_MILLIS;
        JsonNode status = firstAfter(PLC + "/$status", killed);
        assertThat(status.path("state").asText()).isEqualTo("offline");
        assertThat(status.path("ts").longValue()).isBetween(killed, withinTwoPolls);
        assertThat(status.path("error").asText()).contains("127.0.0.1:" + plc.port());
        for (String point : List.of("pressure", "temperature")) {
            JsonNode bad = firstAfter(PLC + "/" + point, killed);
            assertThat(bad.path("quality").asText()).as(point).isEqualTo("bad");
            assertThat(bad.path("ts").longValue()).as(point).isBetween(killed, withinTwoPolls);
            assertThat(bad.has("value"))
                    .as("a bad reading has no value: %s", bad)
                    .isFalse();
            assertThat(bad.path("error").asText()).as(point).isNotEmpty();
        }

        // the other device kept its pace meanwhile: heartbeats every second, good, online
        int otherBefore = mqtt.on(OTHER + "/pressure").size();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mqtt.on(OTHER + "/pressure").size() >= otherBefore + 2);
        assertThat(mqtt.latestJson(OTHER + "/$status").path("state").asText()).isEqualTo("online");
        assertThat(mqtt.latestJson(OTHER + "/pressure").path("quality").asText())
                .isEqualTo("good");

        long restarted = System.currentTimeMillis();
        plc.restart();
        awaitOnlineAndGood(Duration.ofSeconds(30));
        Received good = mqtt.latest(PLC + "/pressure").orElseThrow();
        assertThat(good.json().path("ts").longValue()).isGreaterThanOrEqualTo(restarted);
        assertThat(mqtt.latestJson(PLC + "/$status").has("error")).isFalse();
    }
}

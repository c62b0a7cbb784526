package io.rung.gateway.opcua;

import static io.rung.gateway.opcua.GatewayRig.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.drivers.sim.OpcUaSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Servers that die, come back, or are not there yet: the gateway keeps running and values flow again. */
class OpcUaRecoveryEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private OpcUaSimulator sim;
    private GatewayRig rig;

    @AfterEach
    void stop() throws Exception {
        if (rig != null) rig.close();
        if (sim != null) sim.close();
    }

    @ParameterizedTest(name = "mode: {0}")
    @ValueSource(strings = {"subscribe", "poll"})
    void serverRestartMidRunTurnsPointsBadThenGoodWithoutDuplicateMonitoredItems(String mode) throws Exception {
        sim = new OpcUaSimulator();
        int port = sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
        rig = GatewayRig.start(dir, device(sim.url(), mode));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state()).isEqualTo("online");
            assertThat(quality("counter")).isEqualTo("good");
            assertThat(quality("setpoint")).isEqualTo("good");
        });
        int itemsBefore = sim.monitoredItemCount();
        assertThat(itemsBefore).isEqualTo(mode.equals("subscribe") ? 2 : 0);

        sim.close();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state()).isEqualTo("offline");
            assertThat(quality("counter")).isEqualTo("bad");
            assertThat(quality("setpoint")).isEqualTo("bad");
        });

        sim = restartOnSamePort(port);
        long counterBefore = -1;
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state()).isEqualTo("online");
            assertThat(quality("counter")).isEqualTo("good");
            assertThat(quality("setpoint")).isEqualTo("good");
        });
        counterBefore = Json.of(rig.latest("counter")).path("value").asLong();
        long first = counterBefore;
        await().atMost(WAIT)
                .until(() -> Json.of(rig.latest("counter")).path("value").asLong() > first);
        assertThat(sim.monitoredItemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void unreachableServerAtStartNeverStopsTheGatewayAndIsPickedUpWhenItComes() throws Exception {
        int port = freePort();
        String url = "opc.tcp://127.0.0.1:" + port + OpcUaSimulator.PATH;
        rig = GatewayRig.start(dir, device(url, "subscribe"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = Json.of(rig.status());
            assertThat(status.path("state").asText()).isEqualTo("offline");
            assertThat(status.path("error").asText()).isEqualTo("cannot connect to " + url + ": connection refused");
        });
        assertThat(rig.gateway.broker().listeners()).isNotEmpty();

        sim = restartOnSamePort(port);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state()).isEqualTo("online");
            assertThat(quality("counter")).isEqualTo("good");
        });
        assertThat(sim.monitoredItemCount()).isEqualTo(2);
    }

    private String state() {
        return Json.of(rig.status()).path("state").asText();
    }

    private String quality(String point) {
        return Json.of(rig.latest(point)).path("quality").asText();
    }

    private OpcUaSimulator restartOnSamePort(int port) {
        OpcUaSimulator next = new OpcUaSimulator();
        await().atMost(Duration.ofSeconds(15))
                .ignoreException(IOException.class)
                .until(() -> {
                    next.start("127.0.0.1", port, dir.resolve("sim-pki"));
                    return true;
                });
        return next;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static String device(String url, String mode) {
        return String.format(Locale.ROOT, """
                    opcua: { url: "%s", security: none }
                    mode: %s
                    poll: 200ms
                    points:
                      - { name: counter,  node: "%sTank1.Counter" }
                      - { name: setpoint, node: "%sTank1.Setpoint" }
                """, url, mode, NS, NS);
    }
}

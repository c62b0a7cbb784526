package io.rung.gateway.opcua;

import static io.rung.gateway.opcua.GatewayRig.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.drivers.sim.OpcUaSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trust flows as a user lives them through MQTT: {@code $status} says {@code error} (the server answers, but a
 * person must act) with the file to move, and turns {@code online} once the file is where the message said.
 */
class OpcUaCertificateEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void untrustedServerCertificateIsAnErrorUntilMovedToTrusted(String mode) throws Exception {
        startSimulator(true);
        rig = GatewayRig.start(dir, device(mode, ""));
        Path pki = dir.resolve("data/pki");

        await().atMost(WAIT).until(() -> rejected(pki.resolve("rejected")).size() == 1);
        Path file = rejected(pki.resolve("rejected")).get(0);
        String expected = "server certificate of " + sim.url() + " is not trusted: it was saved as " + file
                + "; move it to " + pki.resolve("trusted/certs") + "/ to trust this server (or set trustAll: true"
                + " while commissioning)";
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = Json.of(rig.status());
            assertThat(status.path("state").asText()).isEqualTo("error");
            assertThat(status.path("error").asText()).isEqualTo(expected);
        });
        assertThat(rig.mqtt.all(GatewayRig.TOPIC + "/$status"))
                .map(Json::of)
                .noneMatch(s -> s.path("state").asText().equals("offline")
                        && s.path("error").asText().equals(expected));

        Files.move(file, pki.resolve("trusted/certs").resolve(file.getFileName()));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Json.of(rig.status()).path("state").asText()).isEqualTo("online");
            assertThat(Json.of(rig.latest("level")).path("quality").asText()).isEqualTo("good");
        });
    }

    @Test
    void serverRefusingRungsCertificateIsAnErrorNamingTheFileToTrustOnTheServer() throws Exception {
        startSimulator(false);
        rig = GatewayRig.start(dir, device("subscribe", ", trustAll: true"));
        Path own = dir.resolve("data/pki/own");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = Json.of(rig.status());
            assertThat(status.path("state").asText()).isEqualTo("error");
            assertThat(status.path("error").asText())
                    .isEqualTo(
                            "server " + sim.url() + " refused Rung's certificate"
                                    + " (Bad_SecurityChecksFailed): trust " + own.resolve("certs/rung.der") + " (from "
                                    + own
                                    + "/) on the server, usually by moving it from the server's rejected folder to its trusted folder");
        });

        Path serverRejected = rejected(dir.resolve("sim-pki/rejected")).get(0);
        Files.move(serverRejected, dir.resolve("sim-pki/trusted/certs").resolve(serverRejected.getFileName()));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Json.of(rig.status()).path("state").asText()).isEqualTo("online");
            assertThat(Json.of(rig.latest("level")).path("quality").asText()).isEqualTo("good");
        });
    }

    @Test
    void refusedLoginIsAnErrorThatNeverShowsThePassword() throws Exception {
        startSimulator(true);
        rig = GatewayRig.start(
                dir,
                device(
                        "subscribe",
                        ", trustAll: true, policy: Basic256Sha256, username: operator, password: not-the-password"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = Json.of(rig.status());
            assertThat(status.path("state").asText()).isEqualTo("error");
            assertThat(status.path("error").asText())
                    .startsWith("server " + sim.url() + " refused the login as user 'operator'")
                    .endsWith(": check username and password");
        });
        assertThat(rig.mqtt.all(GatewayRig.TOPIC + "/$status")).noneMatch(s -> s.contains("not-the-password"));
    }

    private void startSimulator(boolean trustAllClients) throws Exception {
        sim = new OpcUaSimulator(OpcUaSimulator.DEFAULT_OPERATOR_PASSWORD, trustAllClients);
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
    }

    private static List<Path> rejected(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String device(String mode, String moreOpcUa) {
        return String.format(Locale.ROOT, """
                    opcua: { url: "%s", security: signAndEncrypt%s }
                    mode: %s
                    poll: 200ms
                    points:
                      - { name: level, node: "%sTank1.Level" }
                """, sim.url(), moreOpcUa, mode, NS);
    }
}

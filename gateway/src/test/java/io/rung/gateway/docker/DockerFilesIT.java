package io.rung.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.gateway.Gateway;
import io.rung.gateway.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker files as far as they can be checked without a Docker engine: the example config loads without
 * problems and keeps its state under /var/lib/rung, and the HEALTHCHECK script tells a healthy gateway from none.
 */
class DockerFilesIT {
    private static final Path DOCKER = Path.of("..", "docker");

    @TempDir
    Path dir;

    @Test
    void exampleConfigLoadsWithoutProblemsAndKeepsStateInTheDataVolume() throws Exception {
        ConfigLoader.Result r = ConfigLoader.loadWithWarnings(DOCKER.resolve("rung.example.yaml"), Map.of());
        RungConfig c = r.config();
        assertThat(c.broker().persistence().dir()).isEqualTo(Path.of("/var/lib/rung"));
        assertThat(c.http().orElseThrow().port()).isEqualTo(8080);
        assertThat(c.http().orElseThrow().publicHost()).contains("localhost");
        assertThat(c.broker().listeners()).anyMatch(l -> l.websocket().isPresent());
        assertThat(c.devices()).extracting(d -> d.name()).containsExactly("pump-1", "tank-1");
        assertThat(c.bridges()).hasSize(1);
    }

    @Test
    void dockerfileRunsAsNonRootWithReadOnlyConfigAndAHealthcheckTheImageCanRun() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM maven:3-eclipse-temurin-17 AS build")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("USER rung")
                .contains("/etc/rung/rung.yaml")
                .contains("VOLUME [\"/var/lib/rung\"]")
                .contains("HEALTHCHECK")
                .contains("COPY docker/healthcheck.sh");
        assertThat(Files.readString(DOCKER.resolve("compose.yaml")))
                .contains("rung.example.yaml:/etc/rung/rung.yaml:ro")
                .contains("eclipse-mosquitto")
                .contains("\"sim\", \"modbus\"")
                .contains("\"sim\", \"opcua\"");
        assertThat(Files.isExecutable(DOCKER.resolve("healthcheck.sh"))).isTrue();
    }

    @Test
    void healthcheckPassesOnARunningGatewayAndFailsWithoutOne() throws Exception {
        String yaml = """
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                http: { port: 0, bind: 127.0.0.1 }
                """;
        try (Gateway g = Gateway.start(ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of()), false, l -> {})) {
            assertThat(healthcheck(g.http().orElseThrow().port())).isEqualTo("exit 0: ");
        }
        assertThat(healthcheck(Mosquitto.freePort())).startsWith("exit 1: ").contains("nothing listens on 127.0.0.1:");
    }

    /** {@code exit N: output} of the script. */
    private static String healthcheck(int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        List.of("bash", DOCKER.resolve("healthcheck.sh").toString()))
                .redirectErrorStream(true);
        pb.environment().put("RUNG_HTTP_PORT", Integer.toString(port));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("healthcheck did not finish: " + out);
        }
        return "exit " + p.exitValue() + ": " + out;
    }
}

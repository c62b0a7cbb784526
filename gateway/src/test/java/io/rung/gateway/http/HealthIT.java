package io.rung.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.gateway.Gateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} follows a required bridge: 503 with the reason while its upstream (a real mosquitto) is down. */
class HealthIT {
    @TempDir Path dir;
    private Process upstream;
    private Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) gateway.close();
        stopUpstream();
    }

    @Test
    void healthIsUnavailableWhileARequiredBridgeIsDownAndRecovers() throws Exception {
        int port = freePort();
        startUpstream(port);
        String yaml = """
                gateway: { id: health-test }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                http: { port: 0, bind: 127.0.0.1 }
                bridges:
                  - name: cloud
                    url: "mqtt://127.0.0.1:%d"
                    required: true
                    out: [ { topic: "plant/#", prefix: "site-1/" } ]
                """.formatted(port);
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        gateway = Gateway.start(config, false, line -> { });
        String health = "http://127.0.0.1:" + gateway.http().orElseThrow().port() + "/health";

        await().atMost(Duration.ofSeconds(30)).until(() -> get(health).statusCode() == 200);

        stopUpstream();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(health).statusCode() == 503);
        HttpResponse<String> down = get(health);
        assertThat(down.body()).contains("cloud").doesNotContain("site-1/");

        startUpstream(port);
        await().atMost(Duration.ofSeconds(90)).until(() -> get(health).statusCode() == 200);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void startUpstream(int port) throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        // "user root": mosquitto started as root would otherwise switch to its own user, who cannot read the temp dir
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser root\n");
        upstream = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
    }

    private void stopUpstream() throws InterruptedException {
        if (upstream == null) return;
        upstream.destroy();
        if (!upstream.waitFor(10, TimeUnit.SECONDS)) upstream.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        upstream = null;
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package io.rung.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.gateway.Gateway;
import io.rung.gateway.testing.Mosquitto;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} follows a required bridge: 503 with the reason while its upstream (a real mosquitto) is down. */
class HealthIT {
    @TempDir
    Path dir;
    // "user root": mosquitto started as root would otherwise switch to its own user, who cannot read the temp dir
    private static final String UPSTREAM = "listener %d 127.0.0.1\nallow_anonymous true\nuser root\n";

    private @Nullable Mosquitto upstream;
    private Gateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) gateway.close();
        stopUpstream();
    }

    @Test
    void healthIsUnavailableWhileARequiredBridgeIsDownAndRecovers() throws Exception {
        upstream = Mosquitto.start(dir, UPSTREAM);
        int port = upstream.port();
        String yaml = String.format(Locale.ROOT, """
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
                """, port);
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        gateway = Gateway.start(config, false, line -> {});
        String health = "http://127.0.0.1:" + gateway.http().orElseThrow().port() + "/health";

        await().atMost(Duration.ofSeconds(30)).until(() -> get(health).statusCode() == 200);

        stopUpstream();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(health).statusCode() == 503);
        HttpResponse<String> down = get(health);
        assertThat(down.body()).contains("cloud").doesNotContain("site-1/");

        upstream = Mosquitto.startOn(dir, UPSTREAM, port);
        await().atMost(Duration.ofSeconds(90)).until(() -> get(health).statusCode() == 200);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void stopUpstream() throws InterruptedException {
        if (upstream == null) return;
        upstream.close();
        upstream = null;
    }
}

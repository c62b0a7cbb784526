package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static io.rung.gateway.http.HttpGateway.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rung.config.ModbusAddress.Kind;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side of a real gateway: health, metrics, dashboard files, login and the REST API, commands included. */
class HttpApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static HttpGateway g;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        g = new HttpGateway(dir, "");
        admin = g.login("admin", ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> json(g.get("/api/v1/devices/plc-1", "Cookie", admin))
                        .path("points")
                        .get(0)
                        .has("value"));
    }

    @AfterAll
    static void stop() {
        if (g != null) g.close();
    }

    @Test
    void healthIsUpWithoutLoginAndNamesNoClientOrUser() throws Exception {
        HttpResponse<String> r = g.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("up");
        assertThat(r.body()).doesNotContain("admin").doesNotContain("plant/").doesNotContain("$gateway");
    }

    @Test
    void metricsArePrometheusTextWithBrokerAndPollMeters() throws Exception {
        HttpResponse<String> r = g.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains("rung_clients_connected ")
                .contains("rung_messages_received_total ")
                .contains("rung_messages_dropped_total ")
                .contains("rung_poll_duration_seconds_count{device=\"plc-1\"}")
                .contains("rung_poll_errors_total{device=\"plc-1\"} 0.0")
                .doesNotContain("plant/")
                .doesNotContain("admin");
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            // Prometheus text format 0.0.4: metric name, optional labels, one value.
            assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? [-+0-9.eE]+|.* (NaN|[+-]Inf)");
        }
    }

    @Test
    void dashboardAndItsBrowserLibrariesAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = g.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Rung</title>").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'");
        assertThat(g.get("/static/app.js").statusCode()).isEqualTo(200);
        assertThat(g.get("/webjars/uplot/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(g.get("/webjars/paho-mqtt/paho-mqtt-min.js").body()).contains("Paho");
        assertThat(g.get("/static/%2e%2e/logback.xml").statusCode()).isEqualTo(404);
        assertThat(g.get("/webjars/../logback.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void apiNeedsALogin() throws Exception {
        assertThat(g.get("/api/v1/devices").statusCode()).isEqualTo(401);
        assertThat(g.get("/api/v1/devices", "Cookie", Sessions.COOKIE + "=forged")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndATokenTheBrokerAcceptsButNeverThePassword() throws Exception {
        HttpResponse<String> r =
                g.post("/api/v1/login", HttpGateway.loginBody("admin", ADMIN_PASSWORD), "Origin", g.origin());
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith(Sessions.COOKIE + "=")
                .contains("; HttpOnly")
                .contains("; SameSite=Strict")
                .contains("; Path=/")
                .doesNotContain("Secure");
        assertThat(r.body()).doesNotContain(ADMIN_PASSWORD);
        String token = json(r).path("mqtt").path("token").asText();
        assertThat(token).hasSizeGreaterThan(30);
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + g.mqttPort(), "token-user", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("admin");
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        c.connect(o);
        assertThat(c.isConnected()).isTrue();
        c.disconnect();
        c.close();
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() throws Exception {
        HttpResponse<String> r = g.post("/api/v1/login", HttpGateway.loginBody("admin", "nope"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isEqualTo("wrong user name or password");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void cookieRequestsFromAnotherOriginAreRefused() throws Exception {
        String set = "/api/v1/devices/plc-1/points/pump-speed/set";
        HttpResponse<String> evil = g.post(set, "{\"value\":5}", "Cookie", admin, "Origin", "http://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(json(evil).path("error").asText()).contains("cross-origin request refused");
        assertThat(g.post(set, "{\"value\":5}", "Cookie", admin).statusCode()).isEqualTo(403);
        assertThat(g.get("/api/v1/devices", "Cookie", admin, "Sec-Fetch-Site", "cross-site")
                        .statusCode())
                .isEqualTo(403);
        assertThat(g.post(
                                "/api/v1/login",
                                HttpGateway.loginBody("admin", ADMIN_PASSWORD),
                                "Origin",
                                "http://evil.example")
                        .statusCode())
                .isEqualTo(403);
        assertThat(g.get("/api/v1/devices", "Cookie", admin, "Sec-Fetch-Site", "same-origin")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void devicesShowStatusAndPointsWithLastValuesAndHistory() throws Exception {
        JsonNode list = json(g.get("/api/v1/devices", "Cookie", admin));
        assertThat(list.get(0).path("name").asText()).isEqualTo("plc-1");
        assertThat(list.get(0).path("state").asText()).isEqualTo("online");
        assertThat(list.get(0).path("points").asInt()).isEqualTo(3);
        JsonNode device = json(g.get("/api/v1/devices/plc-1", "Cookie", admin));
        JsonNode temperature = device.path("points").get(0);
        assertThat(temperature.path("name").asText()).isEqualTo("temperature");
        assertThat(temperature.path("quality").asText()).isEqualTo("good");
        assertThat(temperature.path("unit").asText()).isEqualTo("°C");
        assertThat(temperature.path("value").isNumber()).isTrue();
        assertThat(device.path("points").get(1).path("writable").asBoolean()).isTrue();
        assertThat(device.path("points").get(1).path("max").asInt()).isEqualTo(1500);
        JsonNode one = json(g.get("/api/v1/devices/plc-1/points/temperature", "Cookie", admin));
        assertThat(one.path("history").size()).isPositive();
        assertThat(g.get("/api/v1/devices/nope", "Cookie", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void viewerSeesOnlyWhatItsAclLetsItRead() throws Exception {
        String viewer = g.login("viewer", VIEWER_PASSWORD);
        JsonNode device = json(g.get("/api/v1/devices/plc-1", "Cookie", viewer));
        assertThat(device.path("points").findValuesAsText("name")).containsExactly("temperature", "pump-speed");
        assertThat(g.get("/api/v1/devices/plc-1/points/running", "Cookie", viewer)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void commandThroughRestIsWrittenToThePlcAndAnswered() throws Exception {
        HttpResponse<String> r = g.post(
                "/api/v1/devices/plc-1/points/pump-speed/set",
                "{\"value\":1200}",
                "Cookie",
                admin,
                "Origin",
                g.origin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("ok").asBoolean()).isTrue();
        assertThat(json(r).path("value").asInt()).isEqualTo(1200);
        assertThat(g.plc.get(Kind.HOLDING, 200)).isEqualTo(1200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> json(g.get("/api/v1/devices/plc-1/points/pump-speed", "Cookie", admin))
                                .path("value")
                                .asInt()
                        == 1200);
    }

    @Test
    void commandAboveMaxIsRefusedByTheSameRulesAsMqtt() throws Exception {
        HttpResponse<String> r =
                g.post("/api/v1/devices/plc-1/points/pump-speed/set", "1800", "Cookie", admin, "Origin", g.origin());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("ok").asBoolean()).isFalse();
        assertThat(json(r).path("error").asText()).isEqualTo("1800 is above max 1500");
    }

    @Test
    void commandOfAReadOnlyUserIsRefusedByTheAcl() throws Exception {
        HttpResponse<String> r = g.post(
                "/api/v1/devices/plc-1/points/pump-speed/set",
                "{\"value\":7}",
                "Authorization",
                HttpGateway.basic("viewer", VIEWER_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").asText())
                .isEqualTo("not authorised to publish to 'plant/line-1/plc-1/pump-speed/set'");
    }

    @Test
    void commandToAReadOnlyPointIsRefused() throws Exception {
        HttpResponse<String> r =
                g.post("/api/v1/devices/plc-1/points/running/set", "true", "Cookie", admin, "Origin", g.origin());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("error").asText()).isEqualTo("point plc-1/running is not writable");
    }

    @Test
    void httpBasicWorksForScriptsWithoutACookie() throws Exception {
        HttpResponse<String> r = g.get("/api/v1/clients", "Authorization", HttpGateway.basic("admin", ADMIN_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).has("connected")).isTrue();
        assertThat(json(r).path("bridges").isMissingNode()).isTrue();
        assertThat(json(g.get("/api/v1/bridges", "Cookie", admin)).isArray()).isTrue();
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String cookie = g.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> out = g.post("/api/v1/logout", "", "Cookie", cookie, "Origin", g.origin());
        assertThat(out.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(g.get("/api/v1/session", "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void connectPageListsListenersAndDrawsOnlyItsOwnQrCodes() throws Exception {
        JsonNode info = json(g.get("/api/v1/connect", "Cookie", admin));
        JsonNode endpoint = info.path("endpoints").get(0);
        assertThat(endpoint.path("url").asText()).isEqualTo("mqtt://127.0.0.1:" + g.mqttPort());
        assertThat(endpoint.path("loopbackOnly").asBoolean()).isTrue();
        assertThat(info.path("qr").asText()).isEqualTo("mqtt://admin@127.0.0.1:" + g.mqttPort());
        assertThat(info.path("dashboard").asText()).isEqualTo(g.base);
        HttpResponse<String> qr = g.get(
                "/api/v1/connect/qr.svg?text="
                        + java.net.URLEncoder.encode(info.path("qr").asText(), StandardCharsets.UTF_8),
                "Cookie",
                admin);
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/svg+xml");
        assertThat(qr.body()).startsWith("<svg").contains("<path d=\"M");
        assertThat(g.get("/api/v1/connect/qr.svg?text=anything", "Cookie", admin)
                        .statusCode())
                .isEqualTo(404);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}

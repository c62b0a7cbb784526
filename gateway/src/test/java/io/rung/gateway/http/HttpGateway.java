package io.rung.gateway.http;

import io.rung.broker.auth.PasswordFile;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.drivers.sim.ModbusSimulator;
import io.rung.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A real gateway for HTTP tests: broker and HTTP on 127.0.0.1 with free ports, a Modbus simulator as {@code plc-1}
 * under {@code plant/line-1/plc-1}, users {@code admin} (everything) and {@code viewer} (read only, minus one point).
 */
final class HttpGateway implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String VIEWER_PASSWORD = "viewer-secret-2";
    static final String DEVICE_TOPIC = "plant/line-1/plc-1";

    final ModbusSimulator plc = new ModbusSimulator();
    final Gateway gateway;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    HttpGateway(Path dir, String extraHttp) throws Exception {
        this(dir, extraHttp, "");
    }

    /** {@code extraYaml} is appended to the configuration as more top-level keys, such as {@code bridges:}. */
    HttpGateway(Path dir, String extraHttp, String extraYaml) throws Exception {
        int plcPort = plc.start("127.0.0.1", 0);
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "admin", ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8));
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "viewer", VIEWER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        String yaml = String.format(Locale.ROOT, """
                gateway: { id: http-test }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth:
                    passwordFile: passwd
                    acl:
                      - { user: viewer, topic: "plant/line-1/plc-1/running", access: deny }
                      - { user: viewer, topic: "plant/#", access: read }
                      - { user: admin, topic: "#", access: readwrite }
                      - { user: "bridge:cloud", topic: "plant/#", access: read }
                  persistence: { dir: data }
                http: { port: 0, bind: 127.0.0.1 %s}
                devices:
                  - name: plc-1
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: 500ms }
                    poll: 200ms
                    points:
                      - { name: temperature, address: holding:100, type: float32, unit: "°C" }
                      - { name: pump-speed, address: 40201, type: uint16, write: true, min: 0, max: 1500, unit: rpm }
                      - { name: running, address: coil:5 }
                %s""", extraHttp, DEVICE_TOPIC, plcPort, extraYaml);
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        gateway = Gateway.start(config, false, line -> {});
        base = gateway.http().orElseThrow().url().replace("[::]", "127.0.0.1");
    }

    int mqttPort() {
        return gateway.broker().listeners().get(0).port();
    }

    int httpPort() {
        return gateway.http().orElseThrow().port();
    }

    String origin() {
        return base.substring(0, base.length() - 1);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).GET(), headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) throws Exception {
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in and returns the {@code Cookie} header value of the session. */
    String login(String user, String password) throws Exception {
        HttpResponse<String> r = post("/api/v1/login", loginBody(user, password), "Origin", origin());
        if (r.statusCode() != 200) throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String loginBody(String user, String password) {
        return "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        gateway.close();
        plc.close();
    }
}

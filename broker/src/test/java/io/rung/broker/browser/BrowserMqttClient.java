package io.rung.broker.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs MQTT.js inside headless Chromium, the path a phone's browser takes: the page connects to a WebSocket URL,
 * subscribes, publishes one message to itself and reports what happened to a small HTTP server of the test.
 *
 * <pre>{@code
 * String outcome = BrowserMqttClient.roundTrip("ws://127.0.0.1:" + port + "/mqtt", "admin", "pw", 5);
 * assertThat(outcome).isEqualTo("received hello on browser/test");
 * }</pre>
 */
public final class BrowserMqttClient {
    private static final String MQTT_JS_VERSION = "5.16.0";

    private BrowserMqttClient() {}

    /**
     * Connects, subscribes to {@code browser/test}, publishes {@code hello} and waits for it.
     *
     * @return {@code received hello on browser/test}, or {@code error: <what MQTT.js said>}
     */
    public static String roundTrip(String brokerUrl, String username, String password, int protocolVersion)
            throws IOException, InterruptedException {
        Path mqttJs = MqttJsPackage.ensure(MQTT_JS_VERSION);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mqtt.min.js", ex -> send(ex, "application/javascript", Files.readAllBytes(mqttJs)));
        http.createContext("/", ex -> send(ex, "text/html", page().getBytes(StandardCharsets.UTF_8)));
        http.createContext("/result", ex -> {
            outcome.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, "text/plain", new byte[0]);
        });
        http.start();
        Path profile = Files.createTempDirectory("rung-chromium");
        Process chromium = null;
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/?broker=" + enc(brokerUrl)
                    + "&user=" + enc(username) + "&pass=" + enc(password) + "&v=" + protocolVersion;
            chromium = new ProcessBuilder(chromiumCommand(profile, url))
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            return outcome.get(40, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            String log = chromium == null ? "" : Files.readString(profile.resolve("chromium.log"));
            throw new IOException("the browser page reported nothing within 40 s; chromium said:\n" + log, e);
        } finally {
            http.stop(0);
            if (chromium != null) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
                chromium.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(profile);
        }
    }

    private static List<String> chromiumCommand(Path profile, String url) {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--user-data-dir=" + profile, url));
        return cmd;
    }

    private static String page() {
        return """
            <!doctype html><html><head><script src="/mqtt.min.js"></script></head><body><script>
            const q = new URLSearchParams(location.search);
            const report = (text) => fetch('/result', {method: 'POST', body: text});
            try {
              const client = mqtt.connect(q.get('broker'), {username: q.get('user'), password: q.get('pass'),
                  protocolVersion: Number(q.get('v')), reconnectPeriod: 0, connectTimeout: 10000,
                  clientId: 'browser-' + Math.random().toString(16).slice(2)});
              client.on('error', (e) => report('error: ' + e.message));
              client.on('close', () => report('error: connection closed'));
              client.on('connect', () => client.subscribe('browser/test', {qos: 1}, (err) => {
                if (err) { report('error: subscribe: ' + err.message); return; }
                client.publish('browser/test', 'hello', {qos: 1});
              }));
              client.on('message', (topic, payload) => {
                report('received ' + payload.toString() + ' on ' + topic);
                client.end();
              });
            } catch (e) { report('error: ' + e.message); }
            </script></body></html>
            """;
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}

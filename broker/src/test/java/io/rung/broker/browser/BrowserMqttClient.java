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
 *
 * <p>{@link #roundTrips} runs several attempts in one browser start, which takes seconds.
 */
public final class BrowserMqttClient {
    private static final String MQTT_JS_VERSION = "5.16.0";

    private BrowserMqttClient() {}

    /** One connection attempt of the browser page. */
    public record Attempt(String brokerUrl, String username, String password, int protocolVersion) {}

    /**
     * Connects, subscribes to {@code browser/test}, publishes {@code hello} and waits for it.
     *
     * @return {@code received hello on browser/test}, or {@code error: <what MQTT.js said>}
     */
    public static String roundTrip(String brokerUrl, String username, String password, int protocolVersion)
            throws IOException, InterruptedException {
        return roundTrips(List.of(new Attempt(brokerUrl, username, password, protocolVersion)))
                .get(0);
    }

    /**
     * Runs several {@link #roundTrip} attempts one after the other in one browser page, since starting Chromium
     * costs seconds; returns their outcomes in order.
     */
    public static List<String> roundTrips(List<Attempt> attempts) throws IOException, InterruptedException {
        Path mqttJs = MqttJsPackage.ensure(MQTT_JS_VERSION);
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) outcomes.add(new CompletableFuture<>());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mqtt.min.js", ex -> send(ex, "application/javascript", Files.readAllBytes(mqttJs)));
        http.createContext("/", ex -> send(ex, "text/html", page().getBytes(StandardCharsets.UTF_8)));
        http.createContext("/result", ex -> {
            int index = Integer.parseInt(ex.getRequestURI().getQuery().substring("i=".length()));
            outcomes.get(index).complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, "text/plain", new byte[0]);
        });
        http.start();
        Path profile = Files.createTempDirectory("rung-chromium");
        Process chromium = null;
        try {
            StringBuilder url =
                    new StringBuilder("http://127.0.0.1:" + http.getAddress().getPort() + "/?n=" + attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                url.append("&broker")
                        .append(i)
                        .append('=')
                        .append(enc(a.brokerUrl()))
                        .append("&user")
                        .append(i)
                        .append('=')
                        .append(enc(a.username()))
                        .append("&pass")
                        .append(i)
                        .append('=')
                        .append(enc(a.password()))
                        .append("&v")
                        .append(i)
                        .append('=')
                        .append(a.protocolVersion());
            }
            chromium = new ProcessBuilder(chromiumCommand(profile, url.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            List<String> results = new ArrayList<>();
            for (CompletableFuture<String> outcome : outcomes) results.add(outcome.get(60, TimeUnit.SECONDS));
            return results;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            String log = chromium == null ? "" : Files.readString(profile.resolve("chromium.log"));
            throw new IOException("the browser page reported nothing within 60 s; chromium said:\n" + log, e);
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
        List<String> cmd = new ArrayList<>(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--ignore-certificate-errors",
                "--user-data-dir=" + profile,
                url));
        return cmd;
    }

    /**
     * The test page: runs attempt 0, 1, … in turn and posts each outcome once to {@code /result?i=N} (a closed
     * connection after the message arrived is not an outcome).
     */
    private static String page() {
        return """
            <!doctype html><html><head><script src="/mqtt.min.js"></script></head><body><script>
            const q = new URLSearchParams(location.search);
            const attempt = (i) => new Promise((resolve) => {
              let done = false;
              const report = (text) => {
                if (done) return;
                done = true;
                fetch('/result?i=' + i, {method: 'POST', body: text}).finally(resolve);
              };
              try {
                const client = mqtt.connect(q.get('broker' + i), {username: q.get('user' + i),
                    password: q.get('pass' + i), protocolVersion: Number(q.get('v' + i)), reconnectPeriod: 0,
                    connectTimeout: 10000, clientId: 'browser-' + Math.random().toString(16).slice(2)});
                client.on('error', (e) => { report('error: ' + e.message); client.end(true); });
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
            });
            (async () => {
              for (let i = 0; i < Number(q.get('n')); i++) await attempt(i);
            })();
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}

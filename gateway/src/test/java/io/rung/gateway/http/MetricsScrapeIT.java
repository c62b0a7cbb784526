package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static io.rung.gateway.http.HttpGateway.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a running gateway, read by the Prometheus text-format parser of the Python client library
 * ({@code python3-prometheus-client}): a format error fails the test; names, types, labels and values are checked.
 */
class MetricsScrapeIT {
    /** Parses stdin as Prometheus text and prints every family with its samples as JSON; exits non-zero on errors. */
    private static final String PARSER = """
            import sys, json, math
            from prometheus_client.parser import text_string_to_metric_families
            def num(v):
                if math.isnan(v): return "NaN"
                if math.isinf(v): return "Infinity" if v > 0 else "-Infinity"
                return repr(float(v))
            out = []
            for f in text_string_to_metric_families(sys.stdin.read()):
                out.append({"name": f.name, "type": f.type, "samples": [
                    {"name": s.name, "labels": s.labels, "value": num(s.value)} for s in f.samples]})
            print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    /** A parsed family: type and samples, each as name, labels and value. */
    private record Family(String type, List<Sample> samples) {
        Optional<Sample> sample(String name, Map<String, String> labels) {
            return samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                    .findFirst();
        }
    }

    private record Sample(String name, Map<String, String> labels, double value) {}

    @Test
    void metricsParseAsPrometheusTextWithClientsQueuesPollsAndBridgeBacklog() throws Exception {
        String bridges = String.format(Locale.ROOT, """
                bridges:
                  - name: cloud
                    url: "mqtt://127.0.0.1:%d"
                    out: [ { topic: "plant/#", prefix: "site-1/" } ]
                """, closedPort());
        try (HttpGateway g = new HttpGateway(dir, "", bridges)) {
            MqttClient tcp = connect("tcp://127.0.0.1:" + g.mqttPort(), "metrics-tcp", "admin", ADMIN_PASSWORD, true);
            MqttClient ws =
                    connect("ws://127.0.0.1:" + g.httpPort() + "/mqtt", "metrics-ws", "viewer", VIEWER_PASSWORD, true);
            // a persistent session that goes away with a subscription: what is published for it waits in its queue
            MqttClient offline =
                    connect("tcp://127.0.0.1:" + g.mqttPort(), "metrics-offline", "admin", ADMIN_PASSWORD, false);
            offline.subscribe("metrics/queue", 1);
            offline.disconnect();
            offline.close();
            for (int i = 0; i < 3; i++)
                tcp.publish("metrics/queue", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            // the bridge's remote is down: what matches its out rule waits in its backlog
            tcp.publish("plant/line-1/note", "for the cloud".getBytes(StandardCharsets.UTF_8), 1, false);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Map<String, Family> m = parse(g.get("/metrics"));
                assertThat(m.get("rung_poll_duration_seconds")
                                .sample("rung_poll_duration_seconds_count", Map.of("device", "plc-1"))
                                .orElseThrow()
                                .value())
                        .as("polls of plc-1")
                        .isPositive();
                assertThat(m.get("rung_messages_queued").samples().get(0).value())
                        .as("queued")
                        .isEqualTo(3.0);
                assertThat(m.get("rung_bridge_queued")
                                .sample("rung_bridge_queued", Map.of("bridge", "cloud"))
                                .orElseThrow()
                                .value())
                        .as("bridge backlog")
                        .isPositive();
            });
            Map<String, Family> m = parse(g.get("/metrics"));

            Family connected = m.get("rung_clients_connected");
            assertThat(connected.type()).isEqualTo("gauge");
            assertThat(connected.samples()).singleElement().satisfies(s -> {
                assertThat(s.labels()).isEmpty();
                assertThat(s.value()).isEqualTo(2.0); // the two network clients; in-process ones are not counted
            });
            assertThat(m.get("rung_queue_deepest").type()).isEqualTo("gauge");
            assertThat(m.get("rung_queue_deepest").samples().get(0).value()).isEqualTo(3.0);
            Family received = m.get("rung_messages_received");
            assertThat(received.type()).isEqualTo("counter");
            assertThat(received.sample("rung_messages_received_total", Map.of())
                            .orElseThrow()
                            .value())
                    .isGreaterThanOrEqualTo(3.0);
            assertThat(m.get("rung_messages_sent").type()).isEqualTo("counter");
            assertThat(m.get("rung_messages_dropped").type()).isEqualTo("counter");
            Family polls = m.get("rung_poll_duration_seconds");
            assertThat(polls.type()).isEqualTo("summary");
            assertThat(polls.sample("rung_poll_duration_seconds_sum", Map.of("device", "plc-1")))
                    .isPresent();
            Family errors = m.get("rung_poll_errors");
            assertThat(errors.type()).isEqualTo("counter");
            assertThat(errors.sample("rung_poll_errors_total", Map.of("device", "plc-1"))
                            .orElseThrow()
                            .value())
                    .isZero();
            assertThat(m.get("rung_bridge_queued").type()).isEqualTo("gauge");
            assertThat(m.get("rung_bridge_connected")
                            .sample("rung_bridge_connected", Map.of("bridge", "cloud"))
                            .orElseThrow()
                            .value())
                    .isZero();
            // no client ids, users or topics in any label
            for (Family f : m.values()) {
                for (Sample s : f.samples()) {
                    assertThat(s.labels().values()).doesNotContain("metrics-tcp", "metrics-ws", "admin", "viewer");
                    assertThat(s.labels().keySet()).isSubsetOf("device", "bridge", "quantile");
                }
            }
            tcp.disconnect();
            ws.disconnect();
            tcp.close();
            ws.close();
        }
    }

    @Test
    void parserRejectsBrokenText() throws Exception {
        // the check above means something only if the parser fails on a format error
        assertThat(run("rung_clients_connected{device=\"plc-1\" 2.0\n").exit()).isNotZero();
        assertThat(run("# TYPE x gauge\nx 1.0\n").exit()).isZero();
    }

    private static MqttClient connect(String url, String id, String user, String password, boolean clean)
            throws Exception {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(clean);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        c.connect(o);
        return c;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // nothing listens here once closed: the bridge stays offline and queues
        }
    }

    private record Run(int exit, String out) {}

    private static Run run(String text) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSER)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the Prometheus parser did not finish within 30 s");
        }
        return new Run(p.exitValue(), out);
    }

    private static Map<String, Family> parse(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        Run run = run(r.body());
        assertThat(run.exit())
                .as("the Prometheus text parser failed on:%n%s", r.body())
                .isZero();
        Map<String, Family> families = new HashMap<>();
        for (JsonNode f : Json.MAPPER.readTree(run.out())) {
            List<Sample> samples = new java.util.ArrayList<>();
            for (JsonNode s : f.path("samples")) {
                Map<String, String> labels = new HashMap<>();
                s.path("labels")
                        .properties()
                        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(
                        s.path("name").asText(),
                        labels,
                        Double.parseDouble(s.path("value").asText())));
            }
            families.put(f.path("name").asText(), new Family(f.path("type").asText(), samples));
        }
        return families;
    }
}

package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.EdgeMosquitto;
import io.rung.broker.it.support.HiveMq3Client;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.tls.LogCapture;
import io.rung.broker.tls.TestBroker;
import io.rung.config.ListenerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real mosquitto bridging into Rung with its default {@code try_private true} (protocol level 0x84): it connects
 * as a user of Rung, messages cross both ways exactly once, and retained state crosses as retained.
 */
class MosquittoBridgeIT {
    private static final String USER = "edge-1";
    private static final String PASSWORD = "edge-1-secret";

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private TestBroker rung;
    private EdgeMosquitto edge;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void startRung() throws Exception {
        rung = TestBroker.with(dir.resolve("rung"), List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .user(USER, PASSWORD)
                .anonymous(true)
                .start();
    }

    /** Starts mosquitto with a bridge into Rung: try_private, Rung's user, {@code extra} lines after the rest. */
    private void startBridgingMosquitto(String... extra) {
        List<String> conf = new ArrayList<>(List.of(
                "connection rung",
                "address 127.0.0.1:" + rung.port(0),
                "bridge_protocol_version mqttv311",
                "try_private true",
                "remote_clientid edge-1-bridge",
                "remote_username " + USER,
                "remote_password " + PASSWORD,
                "restart_timeout 1",
                "topic plant/# both 1",
                "topic probe/# both 1"));
        conf.addAll(List.of(extra));
        edge = EdgeMosquitto.start(dir.resolve("mosquitto"), conf);
    }

    /** The bridge as the docs show it: its state topic moved out of $SYS, which Rung's clients may not publish to. */
    private void startBridge() {
        startBridgingMosquitto("notification_topic bridges/edge-1/state");
        // c0: a bridge's cleansession is false by default
        logs.awaitLine("New bridge connected", "as edge-1-bridge", "(p4, c0, k60, u'edge-1')");
        awaitBridgeBothWays();
    }

    /** The bridge's SUBSCRIBE at Rung is on its way after CONNACK: probe each direction until a message crosses. */
    private void awaitBridgeBothWays() {
        TestClient atRung = rungClient("probe-rung");
        TestClient atEdge = edgeClient("probe-edge");
        atRung.subscribe("probe/to-rung", 1);
        atEdge.subscribe("probe/to-edge", 1);
        await().atMost(TestClient.WAIT).until(() -> {
            atRung.publish("probe/to-edge", "probe", 0);
            atEdge.publish("probe/to-rung", "probe", 0);
            return atRung.count("probe") > 0 && atEdge.count("probe") > 0;
        });
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        if (edge != null) edge.close();
        if (rung != null) rung.close();
    }

    private TestClient rungClient(String clientId) {
        return connected(new HiveMq3Client(rung.port(0), clientId));
    }

    private TestClient edgeClient(String clientId) {
        return connected(new HiveMq3Client(edge.port(), clientId));
    }

    private TestClient connected(TestClient client) {
        clients.add(client);
        client.connect();
        return client;
    }

    @Test
    void messagesCrossTheBridgeBothWaysExactlyOnce() {
        startBridge();
        TestClient subAtRung = rungClient("sub-rung");
        TestClient subAtEdge = edgeClient("sub-edge");
        subAtRung.subscribe("plant/#", 1);
        subAtEdge.subscribe("plant/#", 1);
        TestClient pubAtRung = rungClient("pub-rung");
        TestClient pubAtEdge = edgeClient("pub-edge");

        pubAtEdge.publish("plant/line-1/speed", "from-edge", 1);
        pubAtRung.publish("plant/line-1/set", "from-rung", 1);
        subAtRung.awaitMessage("from-edge");
        subAtEdge.awaitMessage("from-rung");

        // each fence crosses after the message it follows: an echo of that message would be in front of it
        pubAtRung.publish("plant/fence", "fence-from-rung", 1);
        pubAtEdge.publish("plant/fence", "fence-from-edge", 1);
        subAtEdge.awaitMessage("fence-from-rung");
        subAtRung.awaitMessage("fence-from-edge");

        for (TestClient sub : List.of(subAtRung, subAtEdge)) {
            assertThat(sub.messages())
                    .extracting(Received::text)
                    .as(sub.clientId())
                    .containsExactlyInAnyOrder("from-edge", "from-rung", "fence-from-rung", "fence-from-edge");
        }
    }

    @Test
    void retainedMessagePublishedOnRungIsRetainedAtMosquitto() {
        startBridge();
        TestClient subAtEdge = edgeClient("sub-edge");
        subAtEdge.subscribe("plant/#", 1);
        rungClient("pub-rung").publish("plant/line-1/state", "running", 1, true);
        subAtEdge.awaitMessage("running"); // crossed the bridge as a live message

        TestClient late = edgeClient("late-edge");
        late.subscribe("plant/line-1/state", 1);
        Received retained = late.awaitMessage("running");
        assertThat(retained.retain()).as("mosquitto keeps it retained").isTrue();
        assertThat(retained.topic()).isEqualTo("plant/line-1/state");
    }

    @Test
    void mosquittoNotificationReachesRung() {
        startBridge();
        TestClient atRung = rungClient("state-rung");
        atRung.subscribe("bridges/edge-1/state", 1);
        Received state = atRung.awaitMessage("1");
        assertThat(state.retain())
                .as("mosquitto publishes its bridge state retained")
                .isTrue();
    }

    /** mosquitto's default notification topic is under $SYS, and its will there is refused like any client's. */
    @Test
    void defaultNotificationTopicIsRefusedAsWillUnderSys() {
        startBridgingMosquitto();
        assertThat(logs.awaitLine("Refused connection", "client id 'edge-1-bridge'"))
                .contains("will topic '$SYS/broker/connection/edge-1-bridge/state': clients may not publish to $SYS");
        assertThat(logs.linesWith("New bridge connected")).isEmpty();
    }
}

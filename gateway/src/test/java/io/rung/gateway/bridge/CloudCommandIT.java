package io.rung.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ConfigLoader;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.RungConfig;
import io.rung.drivers.sim.ModbusSimulator;
import io.rung.gateway.Gateway;
import io.rung.gateway.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud → mosquitto → bridge → gateway → simulated PLC, and the answer back: a command published on mosquitto at
 * {@code site-1/<point topic>/set} is written to the PLC, and the cloud side sees its result and the new value
 * (DESIGN "Commands"); a command the point does not allow leaves the PLC untouched and its refusal reaches the cloud.
 * The bridge may only write the {@code …/set} topics and read what it forwards (docs/security.md).
 */
class CloudCommandIT {
    private static final String DEVICE = "building-b/floor-5/plc-1";
    private static final String CLOUD = "site-1/" + DEVICE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MOSQUITTO = """
            listener %d 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            log_type subscribe
            """;

    @TempDir
    Path dir;

    private @Nullable ModbusSimulator plc;
    private @Nullable Mosquitto cloudBroker;
    private @Nullable Gateway gateway;
    private @Nullable MqttClient cloudApp;
    private final CloudInbox inbox = new CloudInbox();

    @BeforeEach
    void start() throws Exception {
        ModbusSimulator sim = new ModbusSimulator();
        plc = sim;
        int plcPort = sim.start("127.0.0.1", 0);
        Mosquitto remote = Mosquitto.start(dir, MOSQUITTO);
        cloudBroker = remote;
        String yaml = String.format(Locale.ROOT, """
                gateway: { id: test-gw }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth:
                    anonymous: true
                    acl:
                      - { user: "bridge:cloud", topic: "building-b/+/+/+/set", access: write }
                      - { user: "bridge:cloud", topic: "building-b/replies/#", access: write }
                      - { user: "bridge:cloud", topic: "building-b/#", access: read }
                  persistence: { dir: data }
                devices:
                  - name: plc-1
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: 500ms }
                    poll: 200ms
                    points:
                      - { name: temperature, address: holding:100, type: float32, unit: "°C" }
                      - { name: pump-speed, address: 40201, type: uint16, write: true, min: 0, max: 1500 }
                bridges:
                  - name: cloud
                    url: "mqtt://127.0.0.1:%d"
                    out: [ { topic: "building-b/#", prefix: "site-1/", qos: 1 } ]
                    in:  [ { topic: "site-1/building-b/+/+/+/set", strip: "site-1/" } ]
                """, DEVICE, plcPort, remote.port());
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        gateway = Gateway.start(config, false, line -> {});

        MqttClient app = new MqttClient("tcp://127.0.0.1:" + remote.port(), "cloud-app", new MemoryPersistence());
        cloudApp = app;
        app.setCallback(inbox);
        app.connect(new MqttConnectionOptions());
        app.subscribe("site-1/#", 1);
        // the point is forwarded, and the bridge's command subscription is in place at mosquitto
        await().atMost(WAIT).until(() -> inbox.latest(CLOUD + "/pump-speed") != null);
        await().atMost(WAIT).until(() -> remote.log().contains("site-1/building-b/+/+/+/set"));
    }

    @AfterEach
    void stop() throws Exception {
        if (cloudApp != null) {
            if (cloudApp.isConnected()) cloudApp.disconnect();
            cloudApp.close();
        }
        if (gateway != null) gateway.close();
        if (cloudBroker != null) cloudBroker.close();
        if (plc != null) plc.close();
    }

    @Test
    void commandFromTheCloudIsWrittenToThePlcAndItsResultAndNewValueComeBack() throws Exception {
        publishOnCloud(CLOUD + "/pump-speed/set", "1200", null);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(plc().get(Kind.HOLDING, 200)).isEqualTo(1200);
            assertThat(inbox.all(CLOUD + "/pump-speed/set/result"))
                    .anyMatch(r -> r.contains("\"ok\":true") && r.contains("1200"));
            assertThat(inbox.latest(CLOUD + "/pump-speed")).contains("\"value\":1200");
        });
    }

    @Test
    void commandAboveMaxFromTheCloudLeavesThePlcUntouchedAndItsRefusalComesBack() throws Exception {
        int before = plc().get(Kind.HOLDING, 200);
        publishOnCloud(CLOUD + "/pump-speed/set", "1800", null);

        await().atMost(WAIT)
                .until(() -> inbox.all(CLOUD + "/pump-speed/set/result").stream()
                        .anyMatch(r -> r.contains("1800 is above max 1500")));
        assertThat(inbox.all(CLOUD + "/pump-speed/set/result")).noneMatch(r -> r.contains("\"ok\":true"));
        assertThat(plc().get(Kind.HOLDING, 200)).isEqualTo(before);
    }

    @Test
    void commandForAPointWithoutWriteFromTheCloudIsRefused() throws Exception {
        int before = plc().get(Kind.HOLDING, 100);
        publishOnCloud(CLOUD + "/temperature/set", "21.5", null);

        await().atMost(WAIT)
                .until(() -> inbox.all(CLOUD + "/temperature/set/result").stream()
                        .anyMatch(r -> r.contains("not writable")));
        assertThat(plc().get(Kind.HOLDING, 100)).isEqualTo(before);
    }

    @Test
    void resultGoesToTheResponseTopicOfACloudCommandWithItsCorrelationData() throws Exception {
        // the gateway answers on the Response Topic as it arrives locally; the out rule adds the prefix again
        MqttProperties request = new MqttProperties();
        request.setResponseTopic("building-b/replies/app-1");
        request.setCorrelationData("req-42".getBytes(StandardCharsets.UTF_8));
        publishOnCloud(CLOUD + "/pump-speed/set", "700", request);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(plc().get(Kind.HOLDING, 200)).isEqualTo(700);
            CloudInbox.Arrival reply = inbox.first("site-1/building-b/replies/app-1");
            assertThat(reply).isNotNull();
            assertThat(reply.text()).contains("\"ok\":true").contains("700");
            assertThat(reply.correlation()).isEqualTo("req-42");
        });
    }

    private void publishOnCloud(String topic, String payload, @Nullable MqttProperties properties) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        if (properties != null) m.setProperties(properties);
        app().publish(topic, m);
    }

    private ModbusSimulator plc() {
        if (plc == null) throw new IllegalStateException("no simulator");
        return plc;
    }

    private MqttClient app() {
        if (cloudApp == null) throw new IllegalStateException("no cloud client");
        return cloudApp;
    }
}

package io.rung.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ConfigLoader;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.RungConfig;
import io.rung.drivers.sim.ModbusSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated PLC → gateway → broker → a real MQTT 5 client, and commands back to the PLC. */
class ModbusEndToEndIT {
    private static final String DEVICE = "building-b/floor-5/plc-1";

    @TempDir
    Path dir;

    private ModbusSimulator plc;
    private Gateway gateway;
    private MqttClient client;
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final List<String> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        plc = new ModbusSimulator();
        int plcPort = plc.start("127.0.0.1", 0);
        String yaml = String.format(Locale.ROOT, """
                gateway: { id: test-gw }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                  - name: plc-1
                    topic: %s
                    modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: 500ms }
                    poll: 200ms
                    points:
                      - { name: temperature, address: holding:100, type: float32, unit: "°C" }
                      - { name: pump-speed, address: 40201, type: uint16, write: true, min: 0, max: 1500 }
                      - { name: running, address: coil:5 }
                """, DEVICE, plcPort);
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        gateway = Gateway.start(config, false, line -> {});
        int port = gateway.broker().listeners().get(0).address().getPort();
        client = new MqttClient("tcp://127.0.0.1:" + port, "e2e-test", new MemoryPersistence());
        client.setCallback(new Collector());
        client.connect(new MqttConnectionOptions());
        client.subscribe(DEVICE + "/#", 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null && client.isConnected()) client.disconnect();
        if (client != null) client.close();
        if (gateway != null) gateway.close();
        if (plc != null) plc.close();
    }

    @Test
    void valuesAndStatusArePublishedRetained() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(latest.get(DEVICE + "/$status")).contains("\"state\":\"online\"");
            assertThat(latest.get(DEVICE + "/temperature"))
                    .contains("\"quality\":\"good\"")
                    .contains("\"unit\":\"°C\"");
            assertThat(latest.get(DEVICE + "/running")).matches(".*\"value\":(true|false).*");
        });
    }

    @Test
    void commandIsWrittenToThePlcAndAnswered() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> latest.containsKey(DEVICE + "/pump-speed"));
        client.publish(DEVICE + "/pump-speed/set", message("1200", false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(results).anyMatch(r -> r.contains("\"ok\":true") && r.contains("1200"));
            assertThat(plc.get(Kind.HOLDING, 200)).isEqualTo(1200);
        });
    }

    @Test
    void commandAboveMaxIsRefusedAndTouchesNothing() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> latest.containsKey(DEVICE + "/pump-speed"));
        int before = plc.get(Kind.HOLDING, 200);
        client.publish(DEVICE + "/pump-speed/set", message("1800", false));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> results.stream().anyMatch(r -> r.contains("1800 is above max 1500")));
        assertThat(plc.get(Kind.HOLDING, 200)).isEqualTo(before);
    }

    @Test
    void retainedCommandIsRefused() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> latest.containsKey(DEVICE + "/pump-speed"));
        int before = plc.get(Kind.HOLDING, 200);
        client.publish(DEVICE + "/pump-speed/set", message("900", true));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> results.stream().anyMatch(r -> r.contains("retained commands are not executed")));
        assertThat(plc.get(Kind.HOLDING, 200)).isEqualTo(before);
    }

    private static MqttMessage message(String payload, boolean retained) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retained);
        return m;
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String text = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (topic.endsWith("/set/result")) results.add(text);
            else latest.put(topic, text);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}

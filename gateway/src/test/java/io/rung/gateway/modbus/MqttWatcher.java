package io.rung.gateway.modbus;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rung.gateway.Gateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

/**
 * A real MQTT 5 client (Paho) on the gateway's first listener that records every message under a filter, in
 * arrival order, and sends commands. Payloads are parsed with exact numbers (no double rounding).
 */
final class MqttWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** One message as it arrived. */
    record Received(String topic, String payload, boolean retained, long arrivedMillis) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (java.io.IOException e) {
                throw new AssertionError("payload on " + topic + " is not JSON: " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttWatcher(MqttClient client) {
        this.client = client;
    }

    /** Connects to the gateway's first listener as {@code clientId} and subscribes to {@code filter} at QoS 1. */
    static MqttWatcher watch(Gateway gateway, String clientId, String filter) throws MqttException {
        int port = gateway.broker().listeners().get(0).address().getPort();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttWatcher watcher = new MqttWatcher(client);
        client.setCallback(watcher.new Collector());
        client.connect(new MqttConnectionOptions());
        client.subscribe(filter, 1);
        return watcher;
    }

    /** Every message on {@code topic} so far, oldest first. */
    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The newest message on {@code topic}, if any. */
    Optional<Received> latest(String topic) {
        List<Received> all = on(topic);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest message on {@code topic} as JSON, or an empty object before the first one. */
    JsonNode latestJson(String topic) {
        return latest(topic).map(Received::json).orElseGet(JSON::createObjectNode);
    }

    /** Sends a live (not retained) QoS 1 command to {@code <pointTopic>/set}. */
    void command(String pointTopic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(pointTopic + "/set", m);
    }

    /** Sends a command and waits for the next answer on its {@code /set/result} topic. */
    JsonNode commandAndAwaitResult(String pointTopic, String payload) throws MqttException {
        String resultTopic = pointTopic + "/set/result";
        int before = on(resultTopic).size();
        command(pointTopic, payload);
        await().atMost(Duration.ofSeconds(10)).until(() -> on(resultTopic).size() > before);
        return on(resultTopic).get(before).json();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect();
        client.close();
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(
                    topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained(),
                    System.currentTimeMillis()));
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

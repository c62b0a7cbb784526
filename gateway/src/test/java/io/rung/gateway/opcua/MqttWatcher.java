package io.rung.gateway.opcua;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/** A real MQTT 5 client (Paho) subscribed to one device's topics: keeps every payload per topic, in arrival order. */
final class MqttWatcher implements AutoCloseable {
    private final MqttClient client;
    private final Map<String, List<String>> byTopic = new ConcurrentHashMap<>();

    MqttWatcher(int port, String filter) throws MqttException {
        client = new MqttClient("tcp://127.0.0.1:" + port, "opcua-e2e", new MemoryPersistence());
        client.setCallback(new Collector());
        client.connect(new MqttConnectionOptions());
        client.subscribe(filter, 1);
    }

    /** The newest payload on {@code topic}, or an empty text when none came yet. */
    String latest(String topic) {
        List<String> all = byTopic.get(topic);
        return all == null || all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    /** Every payload on {@code topic} so far. */
    List<String> all(String topic) {
        List<String> all = byTopic.get(topic);
        return all == null ? List.of() : new ArrayList<>(all);
    }

    void publish(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect();
        client.close();
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                    .add(new String(message.getPayload(), StandardCharsets.UTF_8));
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

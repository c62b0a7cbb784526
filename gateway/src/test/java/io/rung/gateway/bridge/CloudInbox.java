package io.rung.gateway.bridge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

/** What a cloud application received from mosquitto, by topic, in arrival order, with its correlation data. */
final class CloudInbox implements MqttCallback {
    /** One received message: its payload as text and its MQTT 5 Correlation Data as text ("" without). */
    record Arrival(String text, String correlation) {}

    private final Map<String, List<Arrival>> byTopic = new ConcurrentHashMap<>();

    @Nullable
    String latest(String topic) {
        List<Arrival> list = byTopic.get(topic);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1).text();
    }

    @Nullable
    Arrival first(String topic) {
        List<Arrival> list = byTopic.get(topic);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    List<String> all(String topic) {
        return byTopic.getOrDefault(topic, List.of()).stream()
                .map(Arrival::text)
                .toList();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        byte[] correlation =
                message.getProperties() == null ? null : message.getProperties().getCorrelationData();
        byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                .add(new Arrival(
                        new String(message.getPayload(), StandardCharsets.UTF_8),
                        correlation == null ? "" : new String(correlation, StandardCharsets.UTF_8)));
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

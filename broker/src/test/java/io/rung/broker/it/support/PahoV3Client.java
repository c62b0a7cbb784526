package io.rung.broker.it.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A {@link TestClient} over Eclipse Paho's MQTT 3.1 / 3.1.1 client. */
public final class PahoV3Client implements TestClient, MqttCallback {
    private final Protocol protocol;
    private final MqttClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();

    public PahoV3Client(Protocol protocol, String uri, String clientId) {
        if (protocol.isV5()) throw new IllegalArgumentException("protocol must be 3.1 or 3.1.1, got " + protocol);
        this.protocol = protocol;
        try {
            this.client = new MqttClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create paho client " + clientId, e);
        }
        client.setCallback(this);
        client.setTimeToWait(TestClient.WAIT.toMillis());
    }

    /** The underlying Paho client, for what the common interface does not cover. */
    public MqttClient paho() {
        return client;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public String clientId() {
        return client.getClientId();
    }

    @Override
    public boolean connect(ClientOptions options) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(
                protocol == Protocol.V31 ? MqttConnectOptions.MQTT_VERSION_3_1 : MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(options.cleanStart());
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setMaxInflight(1000);
        options.will()
                .ifPresent(
                        w -> o.setWill(w.topic(), w.payload().getBytes(StandardCharsets.UTF_8), w.qos(), w.retain()));
        try {
            IMqttToken token = client.connectWithResult(o);
            return token.getSessionPresent();
        } catch (MqttException e) {
            int code = e.getReasonCode();
            throw new ConnectRefusedException(code >= 1 && code <= 5 ? code : -1, e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            IMqttToken token = client.subscribeWithResponse(filter, qos);
            return token.getGrantedQos()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) return 0x80;
            throw new IllegalStateException("subscribe to " + filter + " failed", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter);
        } catch (MqttException e) {
            throw new IllegalStateException("unsubscribe from " + filter + " failed", e);
        }
    }

    @Override
    public void publish(String topic, String payload, int qos, boolean retain) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    @Override
    public List<Received> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void clearMessages() {
        messages.clear();
    }

    @Override
    public void disconnect() {
        try {
            client.disconnect(2000);
        } catch (MqttException e) {
            throw new IllegalStateException("disconnect failed", e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnectForcibly(0, 100, false);
            client.close(true);
        } catch (MqttException e) {
            throw new IllegalStateException("close failed", e);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        // the test observes this through isConnected()
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(
                topic, message.getPayload(), message.getQos(), message.isRetained(), message.isDuplicate()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publish() already waits for the acknowledgement
    }
}

package io.rung.broker.it.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A {@link TestClient} over Eclipse Paho's MQTT 5 client; also records full v5 messages and disconnect reasons. */
public final class PahoV5Client implements TestClient, MqttCallback {
    private final MqttAsyncClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<MqttMessage> raw = new CopyOnWriteArrayList<>();
    private final AtomicInteger disconnectReason = new AtomicInteger(-1);

    public PahoV5Client(String uri, String clientId) {
        try {
            this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create paho client " + clientId, e);
        }
        client.setCallback(this);
    }

    /** The underlying Paho client, for MQTT 5 features the common interface does not cover. */
    public MqttAsyncClient paho() {
        return client;
    }

    /** Every received message with its MQTT 5 properties, in arrival order. */
    public List<MqttMessage> rawMessages() {
        return List.copyOf(raw);
    }

    /** The reason code of the DISCONNECT the broker sent, or -1 if none arrived. */
    public int disconnectReason() {
        return disconnectReason.get();
    }

    @Override
    public Protocol protocol() {
        return Protocol.V5;
    }

    @Override
    public String clientId() {
        return client.getClientId();
    }

    @Override
    public boolean connect(ClientOptions options) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(options.cleanStart());
        o.setSessionExpiryInterval(options.sessionExpirySeconds());
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setUseSubscriptionIdentifiers(false);
        options.will().ifPresent(w -> {
            MqttMessage will = new MqttMessage(w.payload().getBytes(StandardCharsets.UTF_8), w.qos(), w.retain(), null);
            o.setWill(w.topic(), will);
            MqttProperties willProps = new MqttProperties();
            willProps.setWillDelayInterval(w.delaySeconds());
            o.setWillMessageProperties(willProps);
        });
        return connect(o);
    }

    /** Connects with options the test built itself. */
    public boolean connect(MqttConnectionOptions options) {
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(WAIT.toMillis());
            return token.getSessionPresent();
        } catch (MqttException e) {
            throw new ConnectRefusedException(e.getReasonCode(), e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        return subscribe(new MqttSubscription(filter, qos), new MqttProperties());
    }

    /** Subscribes with MQTT 5 options and properties; returns the SUBACK reason code. */
    public int subscribe(MqttSubscription subscription, MqttProperties properties) {
        try {
            IMqttToken token = client.subscribe(new MqttSubscription[] {subscription}, null, null, properties);
            token.waitForCompletion(WAIT.toMillis());
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xA2) return e.getReasonCode();
            throw new IllegalStateException("subscribe to " + subscription.getTopic() + " failed", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter).waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            throw new IllegalStateException("unsubscribe from " + filter + " failed", e);
        }
    }

    @Override
    public void publish(String topic, String payload, int qos, boolean retain) {
        publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, null));
    }

    /** Publishes a message with MQTT 5 properties and waits for the acknowledgement; returns its reason code. */
    public int publish(String topic, MqttMessage message) {
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(WAIT.toMillis());
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
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
        raw.clear();
    }

    @Override
    public void disconnect() {
        try {
            client.disconnect(2000).waitForCompletion(WAIT.toMillis());
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
    public void disconnected(MqttDisconnectResponse response) {
        disconnectReason.set(response.getReturnCode());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        // surfaces through the failing operation
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        raw.add(message);
        messages.add(new Received(
                topic, message.getPayload(), message.getQos(), message.isRetained(), message.isDuplicate()));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publish() already waits for the acknowledgement
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // connect() waits for the CONNACK
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication in these tests
    }
}

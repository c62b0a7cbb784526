package io.rung.broker.it.support;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.disposables.Disposable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link TestClient} over the HiveMQ MQTT 5 client; also keeps the full received messages and disconnect reasons. */
public final class HiveMq5Client implements TestClient {
    private final Mqtt5BlockingClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<Mqtt5Publish> raw = new CopyOnWriteArrayList<>();
    private final AtomicInteger disconnectReason = new AtomicInteger(-1);
    private final AtomicReference<Throwable> flowEnded = new AtomicReference<>();
    private Disposable flow;

    public HiveMq5Client(int port, String clientId) {
        this.client = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(ctx -> {
                    if (ctx.getCause() instanceof Mqtt5DisconnectException d) {
                        disconnectReason.set(d.getMqttMessage().getReasonCode().getCode());
                    }
                })
                .buildBlocking();
    }

    /**
     * HiveMQ ends its global publish flow when a session ends, so a fresh one is subscribed before every connect.
     */
    private void listen() {
        if (flow != null) flow.dispose();
        flow = client.toRx()
                .publishes(MqttGlobalPublishFilter.ALL)
                .subscribe(
                        p -> {
                            raw.add(p);
                            messages.add(new Received(
                                    p.getTopic().toString(),
                                    p.getPayloadAsBytes(),
                                    p.getQos().getCode(),
                                    p.isRetain(),
                                    false));
                        },
                        error -> flowEnded.set(error));
    }

    public Mqtt5BlockingClient hiveMq() {
        return client;
    }

    /** Every received message with its MQTT 5 properties. */
    public List<Mqtt5Publish> rawMessages() {
        return List.copyOf(raw);
    }

    /** The reason code of the DISCONNECT the broker sent, or -1. */
    public int disconnectReason() {
        return disconnectReason.get();
    }

    @Override
    public Protocol protocol() {
        return Protocol.V5;
    }

    @Override
    public String clientId() {
        return client.getConfig().getClientIdentifier().map(Object::toString).orElse("");
    }

    @Override
    public boolean connect(ClientOptions options) {
        Mqtt5ConnectBuilder.Send<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck> connect =
                client.connectWith()
                        .cleanStart(options.cleanStart())
                        .sessionExpiryInterval(options.sessionExpirySeconds())
                        .keepAlive(options.keepAliveSeconds());
        if (options.will().isPresent()) {
            ClientOptions.Will w = options.will().get();
            connect = connect.willPublish()
                    .topic(w.topic())
                    .payload(w.payload().getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain())
                    .delayInterval(w.delaySeconds())
                    .applyWillPublish();
        }
        listen();
        try {
            return connect.send().isSessionPresent();
        } catch (Mqtt5ConnAckException e) {
            throw new ConnectRefusedException(e.getMqttMessage().getReasonCode().getCode(), e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            return client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.fromCode(qos))
                    .send()
                    .getReasonCodes()
                    .get(0)
                    .getCode();
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0).getCode();
        }
    }

    @Override
    public void unsubscribe(String filter) {
        client.unsubscribeWith().topicFilter(filter).send();
    }

    @Override
    public void publish(String topic, String payload, int qos, boolean retain) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.fromCode(qos))
                .retain(retain)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
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
        client.disconnect();
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) client.disconnect();
        if (flow != null) flow.dispose();
    }
}

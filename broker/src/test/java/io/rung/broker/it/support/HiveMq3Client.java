package io.rung.broker.it.support;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import io.reactivex.disposables.Disposable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link TestClient} over the HiveMQ MQTT 3.1.1 client. */
public final class HiveMq3Client implements TestClient {
    private final Mqtt3BlockingClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> flowEnded = new AtomicReference<>();
    private Disposable flow;

    public HiveMq3Client(int port, String clientId) {
        this.client = Mqtt3Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
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
                        p -> messages.add(new Received(
                                p.getTopic().toString(),
                                p.getPayloadAsBytes(),
                                p.getQos().getCode(),
                                p.isRetain(),
                                false)),
                        error -> flowEnded.set(error));
    }

    public Mqtt3BlockingClient hiveMq() {
        return client;
    }

    @Override
    public Protocol protocol() {
        return Protocol.V311;
    }

    @Override
    public String clientId() {
        return client.getConfig().getClientIdentifier().map(Object::toString).orElse("");
    }

    @Override
    public boolean connect(ClientOptions options) {
        Mqtt3ConnectBuilder.Send<Mqtt3ConnAck> connect =
                client.connectWith().cleanSession(options.cleanStart()).keepAlive(options.keepAliveSeconds());
        if (options.will().isPresent()) {
            ClientOptions.Will w = options.will().get();
            connect = connect.willPublish()
                    .topic(w.topic())
                    .payload(w.payload().getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain())
                    .applyWillPublish();
        }
        listen();
        try {
            return connect.send().isSessionPresent();
        } catch (Mqtt3ConnAckException e) {
            throw new ConnectRefusedException(e.getMqttMessage().getReturnCode().getCode(), e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            return client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.fromCode(qos))
                    .send()
                    .getReturnCodes()
                    .get(0)
                    .getCode();
        } catch (Mqtt3SubAckException e) {
            return e.getMqttMessage().getReturnCodes().get(0).getCode();
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

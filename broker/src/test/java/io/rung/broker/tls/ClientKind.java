package io.rung.broker.tls;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.jspecify.annotations.Nullable;

/**
 * The real clients the transport tests run with: Paho 3.1.1, Paho 5, HiveMQ 3.1.1 and HiveMQ 5, each over any
 * {@link Transport}. {@link #roundTrip} proves a client can connect, subscribe, publish and receive;
 * {@link #connectFailure} returns what a client throws when it cannot connect.
 */
public enum ClientKind {
    PAHO_V3,
    PAHO_V5,
    HIVEMQ_V3,
    HIVEMQ_V5;

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Where and how to connect. */
    public record Target(
            Transport transport,
            String host,
            int port,
            TestPki.@Nullable ClientTls tls,
            @Nullable String user,
            @Nullable String password) {
        public static Target of(Transport transport, int port, TestPki.@Nullable ClientTls tls) {
            return new Target(transport, "127.0.0.1", port, tls, null, null);
        }

        public Target withHost(String newHost) {
            return new Target(transport, newHost, port, tls, user, password);
        }

        public Target withLogin(String newUser, String newPassword) {
            return new Target(transport, host, port, tls, newUser, newPassword);
        }
    }

    /** A connection of one client kind, reduced to what these tests need. */
    public interface Connection extends AutoCloseable {
        void subscribe(String filter, Consumer<String> payloads) throws Exception;

        void publish(String topic, String payload) throws Exception;

        boolean isConnected();

        /** Disconnects; the checked exceptions are those of the Paho clients (the HiveMQ ones throw none). */
        @Override
        void close() throws org.eclipse.paho.client.mqttv3.MqttException, org.eclipse.paho.mqttv5.common.MqttException;
    }

    /** Connects, subscribes to a topic of its own, publishes to it and waits for the message. */
    public void roundTrip(Target target, String clientId) throws Exception {
        try (Connection c = connect(target, clientId)) {
            assertRoundTrip(c, "rt/" + clientId);
        }
    }

    /** Subscribes and publishes one message on {@code topic} and asserts it comes back. */
    public static void assertRoundTrip(Connection c, String topic) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        c.subscribe(topic, received::add);
        String payload = "hello-" + System.nanoTime();
        c.publish(topic, payload);
        await().atMost(WAIT).until(() -> received.contains(payload));
    }

    /** Asserts that connecting fails and returns what the client threw. */
    public Exception connectFailure(Target target, String clientId) {
        try (Connection c = connect(target, clientId)) {
            throw new AssertionError(this + " connected over " + target.transport() + " but should have failed; "
                    + "connected: " + c.isConnected());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            return e;
        }
    }

    public Connection connect(Target t, String clientId) throws Exception {
        return switch (this) {
            case PAHO_V3 -> pahoV3(t, clientId);
            case PAHO_V5 -> pahoV5(t, clientId);
            case HIVEMQ_V3 -> hiveMqV3(t, clientId);
            case HIVEMQ_V5 -> hiveMqV5(t, clientId);
        };
    }

    private static Connection pahoV3(Target t, String clientId) throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(
                t.transport().pahoUri(t.host(), t.port()), clientId, new MemoryPersistence());
        client.setTimeToWait(WAIT.toMillis());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        if (t.tls() != null) o.setSocketFactory(t.tls().context().getSocketFactory());
        if (t.user() != null) o.setUserName(t.user());
        if (t.password() != null) o.setPassword(t.password().toCharArray());
        try {
            client.connect(o);
        } catch (Exception e) {
            client.close(true);
            throw e;
        }
        return new Connection() {
            @Override
            public void subscribe(String filter, Consumer<String> payloads) throws Exception {
                client.subscribe(
                        filter, 1, (topic, m) -> payloads.accept(new String(m.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void publish(String topic, String payload) throws Exception {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }

            @Override
            public boolean isConnected() {
                return client.isConnected();
            }

            @Override
            public void close() throws org.eclipse.paho.client.mqttv3.MqttException {
                if (client.isConnected()) client.disconnect(2000);
                client.close(true);
            }
        };
    }

    private static Connection pahoV5(Target t, String clientId) throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(
                t.transport().pahoUri(t.host(), t.port()),
                clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setTimeToWait(WAIT.toMillis());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        if (t.tls() != null) o.setSocketFactory(t.tls().context().getSocketFactory());
        if (t.user() != null) o.setUserName(t.user());
        if (t.password() != null) o.setPassword(t.password().getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(o);
        } catch (Exception e) {
            client.close(true);
            throw e;
        }
        return new Connection() {
            @Override
            public void subscribe(String filter, Consumer<String> payloads) throws Exception {
                var sub = new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1);
                client.subscribe(
                        new org.eclipse.paho.mqttv5.common.MqttSubscription[] {sub},
                        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                            (topic, m) -> payloads.accept(new String(m.getPayload(), StandardCharsets.UTF_8))
                        });
            }

            @Override
            public void publish(String topic, String payload) throws Exception {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }

            @Override
            public boolean isConnected() {
                return client.isConnected();
            }

            @Override
            public void close() throws org.eclipse.paho.mqttv5.common.MqttException {
                if (client.isConnected()) client.disconnect(2000);
                client.close(true);
            }
        };
    }

    private static Connection hiveMqV3(Target t, String clientId) {
        Mqtt3ClientBuilder b =
                Mqtt3Client.builder().identifier(clientId).serverHost(t.host()).serverPort(t.port());
        if (t.tls() != null) b = b.sslConfig(ssl(t.tls()));
        if (t.transport().websocket()) b = b.webSocketConfig(webSocket());
        Mqtt3BlockingClient client = b.buildBlocking();
        var connect = client.connectWith();
        if (t.user() != null) {
            var auth = connect.simpleAuth().username(t.user());
            if (t.password() != null) auth = auth.password(t.password().getBytes(StandardCharsets.UTF_8));
            connect = auth.applySimpleAuth();
        }
        connect.send();
        return new Connection() {
            @Override
            public void subscribe(String filter, Consumer<String> payloads) {
                client.toAsync()
                        .subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> payloads.accept(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                        .send()
                        .join();
            }

            @Override
            public void publish(String topic, String payload) {
                client.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload.getBytes(StandardCharsets.UTF_8))
                        .send();
            }

            @Override
            public boolean isConnected() {
                return client.getState().isConnected();
            }

            @Override
            public void close() {
                if (client.getState().isConnected()) client.disconnect();
            }
        };
    }

    private static Connection hiveMqV5(Target t, String clientId) {
        Mqtt5ClientBuilder b =
                Mqtt5Client.builder().identifier(clientId).serverHost(t.host()).serverPort(t.port());
        if (t.tls() != null) b = b.sslConfig(ssl(t.tls()));
        if (t.transport().websocket()) b = b.webSocketConfig(webSocket());
        Mqtt5BlockingClient client = b.buildBlocking();
        var connect = client.connectWith();
        if (t.user() != null) {
            var auth = connect.simpleAuth().username(t.user());
            if (t.password() != null) auth = auth.password(t.password().getBytes(StandardCharsets.UTF_8));
            connect = auth.applySimpleAuth();
        }
        connect.send();
        return new Connection() {
            @Override
            public void subscribe(String filter, Consumer<String> payloads) {
                client.toAsync()
                        .subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> payloads.accept(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                        .send()
                        .join();
            }

            @Override
            public void publish(String topic, String payload) {
                client.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload.getBytes(StandardCharsets.UTF_8))
                        .send();
            }

            @Override
            public boolean isConnected() {
                return client.getState().isConnected();
            }

            @Override
            public void close() {
                if (client.getState().isConnected()) client.disconnect();
            }
        };
    }

    private static MqttClientSslConfig ssl(TestPki.ClientTls tls) {
        var b = MqttClientSslConfig.builder().trustManagerFactory(tls.trust());
        if (tls.keys() != null) b = b.keyManagerFactory(tls.keys());
        return b.handshakeTimeout(5, java.util.concurrent.TimeUnit.SECONDS).build();
    }

    private static MqttWebSocketConfig webSocket() {
        return MqttWebSocketConfig.builder()
                .serverPath(Transport.PATH.substring(1))
                .subprotocol("mqtt")
                .build();
    }
}

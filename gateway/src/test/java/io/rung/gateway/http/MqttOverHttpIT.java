package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static io.rung.gateway.http.HttpGateway.DEVICE_TOPIC;
import static io.rung.gateway.http.HttpGateway.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.rung.gateway.testing.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over WebSocket on the HTTP port at {@code /mqtt}: real clients (HiveMQ, Paho) with the broker's users, ACL
 * and CONNACK codes, the dashboard's token pointing there, and refusals of what is not an MQTT upgrade.
 */
class MqttOverHttpIT {
    private static final String TEMPERATURE = DEVICE_TOPIC + "/temperature";

    @TempDir
    static Path dir;

    private static HttpGateway g;

    @BeforeAll
    static void start() throws Exception {
        g = new HttpGateway(dir, "");
    }

    @AfterAll
    static void stop() {
        if (g != null) g.close();
    }

    private static Mqtt5ClientBuilder client(String id, int port, Optional<MqttClientSslConfig> tls) {
        Mqtt5ClientBuilder b = Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .webSocketConfig()
                .serverPath("mqtt")
                .subprotocol("mqtt")
                .applyWebSocketConfig();
        return tls.isPresent() ? b.sslConfig(tls.get()) : b;
    }

    private static Mqtt5BlockingClient connected(String id, String user, String password) {
        Mqtt5BlockingClient c = client(id, g.httpPort(), Optional.empty()).buildBlocking();
        c.connectWith()
                .simpleAuth()
                .username(user)
                .password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return c;
    }

    /** Subscribes to the temperature point and waits for its (retained) value. */
    private static Mqtt5Publish receivesTemperature(Mqtt5BlockingClient c) throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith()
                    .topicFilter(TEMPERATURE)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            return publishes
                    .receive(15, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("no value of " + TEMPERATURE + " within 15 s"));
        }
    }

    @Test
    void userFromThePasswordFileSubscribesOverTheHttpPortAndReceivesAPointValue() throws Exception {
        Mqtt5BlockingClient c = connected("ws-viewer", "viewer", VIEWER_PASSWORD);
        try {
            Mqtt5Publish value = receivesTemperature(c);
            assertThat(value.getTopic().toString()).isEqualTo(TEMPERATURE);
            assertThat(new String(value.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isNotBlank();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void wrongPasswordIsRefusedWithBadUserNameOrPassword() {
        // MQTT 5: CONNACK reason code 0x86 Bad User Name or Password
        Mqtt5BlockingClient c =
                client("ws-wrong-5", g.httpPort(), Optional.empty()).buildBlocking();
        Throwable refused = catchThrowable(() -> c.connectWith()
                .simpleAuth()
                .username("viewer")
                .password("wrong".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send());
        assertThat(refused).isInstanceOf(Mqtt5ConnAckException.class);
        assertThat(((Mqtt5ConnAckException) refused).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void wrongPasswordOverMqtt311IsRefusedWithReturnCode4() throws Exception {
        // MQTT 3.1.1 §3.2.2.3: return code 4, bad user name or password; Paho speaks subprotocol 'mqtt' on ws://
        MqttClient c =
                new MqttClient("ws://127.0.0.1:" + g.httpPort() + "/mqtt", "ws-wrong-3", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName("viewer");
        o.setPassword("wrong".toCharArray());
        Throwable refused = catchThrowable(() -> c.connect(o));
        c.close();
        assertThat(refused).isInstanceOf(MqttSecurityException.class);
        assertThat(((MqttSecurityException) refused).getReasonCode()).isEqualTo(4);
    }

    @Test
    void publishTheAclDeniesIsRefusedWithNotAuthorized() {
        Mqtt5BlockingClient c = connected("ws-denied", "viewer", VIEWER_PASSWORD);
        try {
            Throwable refused = catchThrowable(() -> c.publishWith()
                    .topic(DEVICE_TOPIC + "/pump-speed/set")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"value\":100}".getBytes(StandardCharsets.UTF_8))
                    .send());
            // MQTT 5 §3.4.2.1: PUBACK 0x87 Not authorized
            assertThat(refused).isInstanceOf(Mqtt5PubAckException.class);
            assertThat(((Mqtt5PubAckException) refused).getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(c.getState().isConnected()).isTrue();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void dashboardTokenPointsAtTheHttpPortAndLogsInThere() throws Exception {
        String cookie = g.login("admin", ADMIN_PASSWORD);
        JsonNode session =
                Json.MAPPER.readTree(g.get("/api/v1/session", "Cookie", cookie).body());
        JsonNode ws = session.path("mqtt").path("websocket");
        assertThat(ws.path("port").asInt()).isEqualTo(g.httpPort());
        assertThat(ws.path("path").asText()).isEqualTo("/mqtt");
        assertThat(ws.path("tls").asBoolean()).isFalse();
        Mqtt5BlockingClient c = connected(
                "ws-token", "admin", session.path("mqtt").path("token").asText());
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    @Test
    void plainGetOfTheMqttPathIsABadRequestThatSaysWhatToDo() throws Exception {
        HttpResponse<String> r = g.get("/mqtt");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not a WebSocket upgrade").contains("ws://127.0.0.1:" + g.httpPort() + "/mqtt");
        assertThat(g.get("/health").statusCode()).isEqualTo(200); // the HTTP server carries on
    }

    @Test
    void upgradeWithoutTheMqttSubprotocolIsRefused() {
        Throwable refused = catchThrowable(() -> g.http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + g.httpPort() + "/mqtt"), new WebSocket.Listener() {})
                .join());
        assertThat(refused)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void clientListShowsTheWebSocketClientBehindALogin() throws Exception {
        Mqtt5BlockingClient c = connected("ws-listed", "viewer", VIEWER_PASSWORD);
        try {
            c.subscribeWith().topicFilter(TEMPERATURE).send();
            assertThat(g.get("/api/v1/clients").statusCode()).isEqualTo(401);
            String cookie = g.login("admin", ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode clients = Json.MAPPER
                        .readTree(g.get("/api/v1/clients", "Cookie", cookie).body())
                        .path("clients");
                JsonNode listed = null;
                for (JsonNode n : clients) if (n.path("clientId").asText().equals("ws-listed")) listed = n;
                assertThat(listed).isNotNull();
                assertThat(listed.path("user").asText()).isEqualTo("viewer");
                assertThat(listed.path("protocolVersion").asText()).isEqualTo("5");
                assertThat(listed.path("listener").asText()).isEqualTo("http:" + g.httpPort());
                assertThat(listed.path("transport").asText()).isEqualTo("ws");
                assertThat(listed.path("remoteAddress").asText()).startsWith("127.0.0.1:");
                assertThat(listed.path("subscriptions").asInt()).isEqualTo(1);
                assertThat(listed.path("queued").asInt()).isZero();
                assertThat(listed.path("connectedSince").asLong()).isPositive();
            });
        } finally {
            c.disconnect();
        }
    }

    @Test
    void mqttOverWebSocketWorksThroughTheHttpListenersTls(@TempDir Path tlsDir) throws Exception {
        TestCerts certs = TestCerts.create(tlsDir.resolve("certs"));
        String tls = ", tls: { cert: " + certs.cert() + ", key: " + certs.key() + " }";
        try (HttpGateway secure = new HttpGateway(tlsDir, tls)) {
            MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                    .trustManagerFactory(certs.caTrust())
                    .build();
            Mqtt5BlockingClient c =
                    client("wss-viewer", secure.httpPort(), Optional.of(ssl)).buildBlocking();
            c.connectWith()
                    .simpleAuth()
                    .username("viewer")
                    .password(VIEWER_PASSWORD.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try {
                assertThat(receivesTemperature(c).getTopic().toString()).isEqualTo(TEMPERATURE);
                HttpClient https =
                        HttpClient.newBuilder().sslContext(certs.trustingCa()).build();
                String listed = https.send(
                                HttpRequest.newBuilder(URI.create(secure.base + "api/v1/clients"))
                                        .header("Authorization", HttpGateway.basic("admin", ADMIN_PASSWORD))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(listed).contains("\"transport\":\"wss\"");
            } finally {
                c.disconnect();
            }
        }
    }
}

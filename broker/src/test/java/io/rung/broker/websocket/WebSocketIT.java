package io.rung.broker.websocket;

import static io.rung.broker.it.support.Wire.bytes;
import static io.rung.broker.it.support.Wire.cat;
import static io.rung.broker.it.support.Wire.frame;
import static io.rung.broker.it.support.Wire.u16;
import static io.rung.broker.it.support.Wire.u8;
import static io.rung.broker.it.support.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.Wire;
import io.rung.broker.tls.ClientKind;
import io.rung.broker.tls.LogCapture;
import io.rung.broker.tls.TestBroker;
import io.rung.broker.tls.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT over WebSocket (MQTT 5 §6, 3.1.1 §6): binary frames in any split, the subprotocols {@code mqtt} and
 * {@code mqttv3.1}, and plain-words refusals of upgrades that cannot work (wrong path, no subprotocol, plain HTTP).
 */
class WebSocketIT {
    @TempDir
    static Path dir;

    static TestBroker broker;
    static int port;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.with(dir, List.of(Transport.WS.listener(null))).start();
        port = broker.port(0);
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqttv3.1"})
    void upgradeAgreesOnTheMqttSubprotocol(String subprotocol) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(uri("/mqtt"), subprotocol)) {
            assertThat(ws.subprotocol()).isEqualTo(subprotocol);
        }
    }

    @Test
    void aQueryStringAfterThePathIsAccepted() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(uri("/mqtt?client=phone"), "mqtt")) {
            assertThat(ws.subprotocol()).isEqualTo("mqtt");
        }
    }

    @Test
    void packetsSplitAcrossFramesAndSeveralPacketsInOneFrameAreDecoded() throws Exception {
        byte[] connect = frame(0x10, utf8("MQTT"), u8(4), u8(2), u16(60), utf8("ws-split"));
        byte[] subscribe = frame(0x82, u16(1), utf8("ws/split"), u8(0));
        byte[] publish = frame(0x30, utf8("ws/split"), bytes("hi"));
        try (RawWebSocket ws = RawWebSocket.open(uri("/mqtt"), "mqtt")) {
            // CONNECT split over two WebSocket messages, byte 5 in the middle of the protocol name
            ws.send(Arrays.copyOfRange(connect, 0, 5), true);
            ws.send(Arrays.copyOfRange(connect, 5, connect.length), true);
            byte[] connAck = Wire.hex("20 02 00 00");
            await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.equals(ws.received(), connAck));
            // SUBSCRIBE and PUBLISH in one message, itself sent as two frames (a continuation frame)
            byte[] both = cat(subscribe, publish);
            int cut = subscribe.length + 3;
            ws.send(Arrays.copyOfRange(both, 0, cut), false);
            ws.send(Arrays.copyOfRange(both, cut, both.length), true);
            byte[] expected = cat(connAck, Wire.hex("90 03 00 01 00"), publish);
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.received().length >= expected.length);
            assertThat(Wire.hex(ws.received())).isEqualTo(Wire.hex(expected));
        }
    }

    @Test
    void aTextFrameClosesTheConnection() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(uri("/mqtt"), "mqtt")) {
            ws.send(frame(0x10, utf8("MQTT"), u8(4), u8(2), u16(60), utf8("ws-text")), true);
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.received().length == 4);
            ws.sendText("hello");
            await().atMost(Duration.ofSeconds(5)).until(ws::isClosed);
            // [MQTT-6.0.0-1] data in anything but binary frames closes the connection
            assertThat(logs.awaitLine("Closed connection from 127.0.0.1:", "on listener ws:" + port))
                    .contains("(client id 'ws-text', user '')")
                    .endsWith("a WebSocket text frame; MQTT over WebSocket uses binary frames only.");
        }
    }

    @Test
    void aWrongPathIsRefusedAndTheServedPathNamed() {
        Throwable e = catchThrowable(() -> RawWebSocket.open(uri("/ws"), "mqtt"));
        assertThat(handshakeStatus(e)).isEqualTo(404);
        assertThat(logs.awaitLine("Refused connection from 127.0.0.1:", "on listener ws:" + port, "before CONNECT"))
                .endsWith("WebSocket upgrade rejected (HTTP 404): path '/ws' is not served; this listener serves "
                        + "MQTT over WebSocket at /mqtt only.");
    }

    @Test
    void anUpgradeWithoutSubprotocolIsRefused() {
        Throwable e = catchThrowable(() -> RawWebSocket.open(uri("/mqtt")));
        assertThat(handshakeStatus(e)).isEqualTo(400);
        assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                .endsWith("WebSocket upgrade rejected (HTTP 400): no WebSocket subprotocol requested; MQTT over "
                        + "WebSocket needs 'mqtt' (or 'mqttv3.1' for MQTT 3.1) in Sec-WebSocket-Protocol.");
    }

    @Test
    void anUnsupportedSubprotocolIsRefused() {
        Throwable e = catchThrowable(() -> RawWebSocket.open(uri("/mqtt"), "chat"));
        assertThat(handshakeStatus(e)).isEqualTo(400);
        assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                .endsWith("WebSocket upgrade rejected (HTTP 400): unsupported WebSocket subprotocol 'chat'; this "
                        + "listener speaks mqtt and mqttv3.1.");
    }

    @Test
    void aPlainHttpRequestGetsAnExplanation() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mqtt"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("a plain HTTP request, not a WebSocket upgrade");
        assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                .contains("WebSocket upgrade rejected (HTTP 400): a plain HTTP request, not a WebSocket upgrade "
                        + "(no 'Upgrade: websocket' header)");
    }

    @Test
    void plainMqttSentToAWebSocketPortIsRefused() {
        ClientKind.HIVEMQ_V5.connectFailure(ClientKind.Target.of(Transport.TCP, port, null), "plain-to-ws");
        assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                .endsWith("the client sent plain MQTT, "
                        + "not WebSocket, but port " + port + " expects MQTT over WebSocket without TLS (ws://HOST:"
                        + port
                        + "/mqtt).");
    }

    /** The HTTP status of the refused upgrade the JDK client reports. */
    private static int handshakeStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h)
                return h.getResponse().statusCode();
        }
        throw new AssertionError("not a refused WebSocket upgrade", e);
    }
}

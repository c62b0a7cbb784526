package io.rung.gateway.doctor;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The MQTT steps of the probe: CONNECT and its CONNACK, then a QoS 1 subscribe and publish round trip. */
final class MqttSteps {
    static final String CONNECT = "MQTT CONNECT";
    static final String ROUND_TRIP = "subscribe/publish";

    private MqttSteps() {}

    static void run(MqttWire wire, BrokerUrl url, ProbeOptions o, List<Step> steps) throws IOException {
        String clientId = "rung-doctor-" + Long.toHexString(System.nanoTime() & 0xffffffL);
        Optional<String> user = o.user().or(url::user);
        Step connect = connect(wire, clientId, user, o);
        steps.add(connect);
        if (!connect.ok()) return;
        steps.add(roundTrip(wire, o));
        wire.disconnect();
    }

    private static Step connect(MqttWire wire, String clientId, Optional<String> user, ProbeOptions o)
            throws IOException {
        wire.connect(clientId, user, o.password());
        MqttWire.Packet p;
        try {
            p = wire.read();
        } catch (SocketTimeoutException e) {
            return Step.failed(
                    CONNECT,
                    "no CONNACK within " + o.timeout().toSeconds() + " s",
                    "the port is not an MQTT listener",
                    "check the port; for a WebSocket listener use ws://HOST:PORT/mqtt");
        } catch (EOFException | SocketException e) {
            return Step.failed(
                    CONNECT,
                    "the server closed the connection after CONNECT"
                            + (e instanceof SocketException ? " (" + e.getMessage() + ")" : ""),
                    "the port expects TLS, or WebSocket, or the broker refused the client before answering",
                    "try mqtts:// or ws://…/mqtt as the port expects, and look at the broker's log");
        }
        int first = (p.type() << 4) | p.flags();
        if (first == 0x15 || first == 0x16) {
            return Step.failed(CONNECT, "the server answered with TLS", "the port expects TLS", "use mqtts://");
        }
        if (first == 'H') {
            return Step.failed(
                    CONNECT,
                    "the server answered with HTTP",
                    "this is an HTTP or WebSocket port",
                    "use ws://HOST:PORT/mqtt (or wss://) for a WebSocket listener");
        }
        if (p.type() != MqttWire.CONNACK || p.body().length < 2) {
            return Step.failed(
                    CONNECT,
                    "the answer is not a CONNACK (packet type " + p.type() + ")",
                    "the port speaks another protocol",
                    "check the port");
        }
        int code = p.body()[1] & 0xff;
        String who = user.map(u -> "as '" + u + "'").orElse("anonymously");
        if (code == 0) return Step.passed(CONNECT, "connected " + who + " (MQTT 3.1.1, client id " + clientId + ")");
        String[] meaning = ConnAckCodes.explain(code, user);
        return Step.failed(CONNECT, "CONNACK return code " + code + ": " + meaning[0], meaning[1], meaning[2]);
    }

    private static Step roundTrip(MqttWire wire, ProbeOptions o) throws IOException {
        String topic = o.topic();
        wire.subscribe(1, topic, 1);
        try {
            MqttWire.Packet subAck = next(wire, MqttWire.SUBACK);
            int granted = subAck.body().length > 2 ? subAck.body()[2] & 0xff : 0x80;
            if (granted == 0x80) {
                return Step.failed(
                        ROUND_TRIP,
                        "SUBACK refused '" + topic + "' (0x80)",
                        "the broker's ACL does not let this user read '" + topic + "'",
                        "pass --topic with a topic the user may read and write (the connection itself works)");
            }
            byte[] payload = ("doctor " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            wire.publish(topic, payload, 2);
            MqttWire.Packet back = next(wire, MqttWire.PUBLISH);
            if ((back.flags() & 0x06) != 0) wire.pubAck(packetId(back));
            return Step.passed(ROUND_TRIP, "published to '" + topic + "' at QoS 1 and received it back");
        } catch (SocketTimeoutException e) {
            return Step.failed(
                    ROUND_TRIP,
                    "nothing came back on '" + topic + "' within " + o.timeout().toSeconds() + " s",
                    "the ACL lets the user subscribe but drops its publication (MQTT 3.1.1 cannot say so), "
                            + "or denies delivering it",
                    "pass --topic with a topic the user may read and write");
        } catch (EOFException e) {
            return Step.failed(
                    ROUND_TRIP,
                    "the broker closed the connection during the round trip",
                    "the broker disconnects clients that publish where its ACL forbids",
                    "pass --topic with a topic " + "the user may read and write, and look at the broker's log");
        }
    }

    private static MqttWire.Packet next(MqttWire wire, int type) throws IOException {
        while (true) {
            MqttWire.Packet p = wire.read();
            if (p.type() == type) return p;
        }
    }

    private static int packetId(MqttWire.Packet publish) {
        byte[] b = publish.body();
        int topicLength = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        return ((b[2 + topicLength] & 0xff) << 8) | (b[3 + topicLength] & 0xff);
    }
}

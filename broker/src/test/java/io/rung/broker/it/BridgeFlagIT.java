package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.Wire;
import io.rung.broker.tls.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mosquitto's bridge flag ({@code try_private}: protocol level 0x83 / 0x84) on the wire: accepted as MQTT 3.1 /
 * 3.1.1, and such a connection gets bridge semantics (its own messages not back, retained flags as published).
 */
class BridgeFlagIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static byte[] connect(String protocolName, int level, String clientId) {
        return Wire.frame(
                0x10, Wire.utf8(protocolName), Wire.u8(level), Wire.u8(0x02), Wire.u16(60), Wire.utf8(clientId));
    }

    /** A raw connection that sent CONNECT with the bridge flag on 3.1.1 and got CONNACK 0. */
    private static RawClient bridge(String clientId) {
        RawClient raw = broker.raw();
        raw.send(connect("MQTT", 0x84, clientId));
        assertThat(raw.readType(RawPackets.CONNACK).connAckCode()).isZero();
        return raw;
    }

    private static void subscribe(RawClient raw, String filter) {
        raw.send(RawPackets.subscribe(Protocol.V311, 1, filter, 1));
        assertThat(raw.readType(RawPackets.SUBACK).subAckCodes(Protocol.V311)).containsExactly(1);
    }

    /** Publishes at QoS 1 and waits for its PUBACK; returns what was delivered to {@code raw} meanwhile. */
    private static List<Packet.Publish> publish(
            RawClient raw, String topic, boolean retain, String payload, int packetId) {
        raw.send(RawPackets.publish(Protocol.V311, topic, 1, retain, packetId, Props.of(), Wire.bytes(payload)));
        List<Packet.Publish> meanwhile = new ArrayList<>();
        for (Packet p = raw.read(); !p.is(RawPackets.PUBACK); p = raw.read()) meanwhile.add(received(raw, p));
        return meanwhile;
    }

    private static Packet.Publish received(RawClient raw, Packet p) {
        assertThat(p.type()).as("packet type").isEqualTo(RawPackets.PUBLISH);
        Packet.Publish publish = p.publish(Protocol.V311);
        if (publish.qos() == 1) raw.send(RawPackets.puback(publish.packetId()));
        return publish;
    }

    /** Reads PUBLISH packets (acknowledging QoS 1) until the one carrying {@code fence}; returns them all. */
    private static List<Packet.Publish> readUntil(RawClient raw, String fence) {
        List<Packet.Publish> got = new ArrayList<>();
        while (got.isEmpty() || !got.get(got.size() - 1).payloadText().equals(fence)) {
            got.add(received(raw, raw.read()));
        }
        return got;
    }

    @ParameterizedTest
    @CsvSource({"MQTT, 0x84, 4", "MQIsdp, 0x83, 3"})
    @DisplayName("mosquitto's bridge levels 0x84 and 0x83 (try_private) are MQTT 3.1.1 and 3.1 from a bridge")
    void connectWithBridgeFlagGetsConnAck0(String protocolName, String level, int plainLevel) {
        RawClient raw = broker.raw();
        raw.send(connect(protocolName, Integer.decode(level), "edge-" + plainLevel));
        assertThat(raw.readType(RawPackets.CONNACK).connAckCode()).isZero();
        raw.send(RawPackets.pingreq());
        assertThat(raw.read().type()).isEqualTo(RawPackets.PINGRESP);
        assertThat(logs.awaitLine("New bridge connected", "as edge-" + plainLevel))
                .contains("(p" + plainLevel + ", c1, k60)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x85, 0x44, 0x80})
    @DisplayName("[MQTT-3.1.2-2] other levels with high bits set are still refused with return code 1")
    void otherHighBitLevelsAreRefusedWithReturnCode1(int level) {
        RawClient raw = broker.raw();
        raw.send(connect("MQTT", level, "not-a-bridge"));
        List<Packet> before = raw.awaitClosed();
        assertThat(before).hasSize(1);
        assertThat(before.get(0).connAckCode())
                .as("unacceptable protocol version")
                .isEqualTo(1);
    }

    @Test
    void plainMqtt311ConnectionIsNotLoggedAsBridge() {
        assertThat(broker.raw()
                        .connect(RawConnect.of(Protocol.V311, "plain-311"))
                        .connAckCode())
                .isZero();
        assertThat(logs.awaitLine("New client connected", "as plain-311")).contains("(p4, c1, k60)");
        assertThat(logs.linesWith("New bridge connected", "as plain-311")).isEmpty();
    }

    @Test
    void bridgeDoesNotGetItsOwnMessagesBack() {
        RawClient edge = bridge("edge-loop");
        subscribe(edge, "loop/#");
        RawClient watcher = broker.raw();
        assertThat(watcher.connect(RawConnect.of(Protocol.V311, "watcher-loop")).connAckCode())
                .isZero();
        subscribe(watcher, "loop/#");
        RawClient phone = broker.raw();
        assertThat(phone.connect(RawConnect.of(Protocol.V311, "phone-loop")).connAckCode())
                .isZero();

        List<Packet.Publish> toEdge = new ArrayList<>(publish(edge, "loop/from-edge", false, "own", 1));
        assertThat(publish(phone, "loop/from-phone", false, "fence", 1)).isEmpty();

        toEdge.addAll(readUntil(edge, "fence"));
        assertThat(toEdge).extracting(Packet.Publish::payloadText).containsExactly("fence");
        assertThat(readUntil(watcher, "fence"))
                .extracting(Packet.Publish::payloadText)
                .containsExactly("own", "fence");
    }

    @Test
    void bridgeGetsTheRetainFlagAsPublishedWhilePlainMqtt311ClientDoesNot() {
        RawClient edge = bridge("edge-retain");
        subscribe(edge, "retain-live/#");
        RawClient plain = broker.raw();
        assertThat(plain.connect(RawConnect.of(Protocol.V311, "plain-retain")).connAckCode())
                .isZero();
        subscribe(plain, "retain-live/#");
        RawClient phone = broker.raw();
        assertThat(phone.connect(RawConnect.of(Protocol.V311, "phone-retain")).connAckCode())
                .isZero();

        assertThat(publish(phone, "retain-live/state", true, "on", 1)).isEmpty();

        assertThat(readUntil(edge, "on"))
                .singleElement()
                .satisfies(p -> assertThat(p.retain())
                        .as("retain as published on the bridge")
                        .isTrue());
        // [MQTT-3.3.1-9] a plain 3.1.1 subscriber gets retain 0 on a message that matched an existing subscription
        assertThat(readUntil(plain, "on"))
                .singleElement()
                .satisfies(p -> assertThat(p.retain()).isFalse());
    }
}

package io.rung.broker.it;

import static io.rung.broker.it.support.Protocol.V5;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Witness;
import io.rung.config.DataSize;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 flow control: Receive Maximum and Maximum Packet Size in both directions (MQTT 5 §3.3.4, §3.1.2.11.4). */
class Mqtt5FlowControlIT {
    private static final int RECEIVE_MAXIMUM = 2;
    private static final int MAX_PACKET = 1024;

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults()
            .limits(l -> l.withReceiveMaximum(RECEIVE_MAXIMUM).withMaxPacketSize(DataSize.ofBytes(MAX_PACKET)));

    @Test
    @DisplayName("[MQTT-3.3.4-7] more unacknowledged QoS 2 PUBLISH than Receive Maximum gets DISCONNECT 0x93")
    void receiveMaximumExceededDisconnectsWith0x93() {
        Witness witness = Witness.connect(broker);
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(V5, "greedy"));
        assertThat(connAck.connAckProps().get(Props.RECEIVE_MAXIMUM)).containsExactly(RECEIVE_MAXIMUM);
        for (int id = 1; id <= RECEIVE_MAXIMUM; id++) {
            raw.send(RawPackets.publish(V5, "rm/t", 2, id, "m" + id));
            assertThat(raw.readType(RawPackets.PUBREC).packetId()).isEqualTo(id);
        }
        raw.send(RawPackets.publish(V5, "rm/t", 2, RECEIVE_MAXIMUM + 1, "one too many"));
        List<Packet> before = raw.awaitClosed();
        assertThat(before)
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isEqualTo(0x93));
        witness.assertUnharmed();
    }

    @Test
    void completedQos2FlowsFreeReceiveMaximumSlots() {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(V5, "polite"));
        for (int id = 1; id <= RECEIVE_MAXIMUM * 3; id++) {
            raw.send(RawPackets.publish(V5, "rm/polite", 2, id, "m" + id));
            raw.readType(RawPackets.PUBREC);
            raw.send(RawPackets.pubrel(id));
            raw.readType(RawPackets.PUBCOMP);
        }
        raw.send(RawPackets.pingreq());
        raw.readType(RawPackets.PINGRESP);
    }

    @Test
    @DisplayName(
            "[MQTT-3.3.4-9] the broker sends no more unacknowledged QoS 1 messages than the client's Receive Maximum")
    void brokerHonoursClientReceiveMaximum() {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(V5, "slow-reader").props(Props.of().u16(Props.RECEIVE_MAXIMUM, 1)));
        raw.send(RawPackets.subscribe(V5, 1, "rm/out", 1));
        raw.readType(RawPackets.SUBACK);
        TestClient pub = broker.connected(V5, "rm-out-pub");
        for (int i = 0; i < 3; i++) pub.publish("rm/out", "m" + i, 1);
        for (int i = 0; i < 3; i++) {
            Packet.Publish p = raw.readType(RawPackets.PUBLISH).publish(V5);
            assertThat(p.payloadText()).isEqualTo("m" + i);
            raw.assertNothingFor(Duration.ofMillis(300));
            raw.send(RawPackets.puback(p.packetId()));
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-15] a packet above the broker's Maximum Packet Size gets DISCONNECT 0x95")
    void oversizePacketFromClientGetsDisconnect0x95() {
        Witness witness = Witness.connect(broker);
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(V5, "too-big"));
        assertThat(connAck.connAckProps().get(Props.MAXIMUM_PACKET_SIZE)).containsExactly((long) MAX_PACKET);
        raw.send(RawPackets.publish(V5, "mps/in", 0, false, 0, Props.of(), new byte[2 * MAX_PACKET]));
        assertThat(raw.awaitClosed())
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isEqualTo(0x95));
        witness.assertUnharmed();
    }

    @Test
    void mqtt311PacketAboveMaximumPacketSizeClosesConnection() {
        Witness witness = Witness.connect(broker);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V311, "too-big-311"));
        raw.send(RawPackets.publish(Protocol.V311, "mps/in", 0, false, 0, Props.of(), new byte[2 * MAX_PACKET]));
        assertThat(raw.awaitClosed()).isEmpty();
        witness.assertUnharmed();
    }

    @Test
    @DisplayName(
            "[MQTT-3.1.2-24] [MQTT-3.1.2-25] the broker drops messages larger than the client's Maximum Packet Size")
    void brokerDropsMessagesAboveClientMaximumPacketSize() {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(V5, "small-mouth").props(Props.of().u32(Props.MAXIMUM_PACKET_SIZE, 100)));
        raw.send(RawPackets.subscribe(V5, 1, "mps/out", 1));
        raw.readType(RawPackets.SUBACK);
        TestClient pub = broker.connected(V5, "mps-out-pub");
        pub.publish("mps/out", "x".repeat(500), 1);
        pub.publish("mps/out", "small", 1);
        Packet.Publish p = raw.readType(RawPackets.PUBLISH).publish(V5);
        assertThat(p.payloadText()).isEqualTo("small");
        raw.send(RawPackets.puback(p.packetId()));
        raw.send(RawPackets.pingreq());
        raw.readType(RawPackets.PINGRESP);
    }
}

package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.PahoV5Client;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CONNECT and CONNACK: versions, client identifiers, takeover (mosquitto's 01-connect group). */
class ConnectIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void pahoClientConnectsWithEveryProtocolVersion(Protocol protocol) {
        TestClient client = broker.pahoClient(protocol, "paho-" + protocol);
        assertThat(client.connect()).as("session present on clean start").isFalse();
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void hiveMqClientsConnectOverMqtt311AndMqtt5() {
        Mqtt3BlockingClient v3 = broker.hiveMq3("hive-3");
        Mqtt3ConnAck ack3 = v3.connect();
        assertThat(ack3.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);

        Mqtt5BlockingClient v5 = broker.hiveMq5("hive-5");
        Mqtt5ConnAck ack5 = v5.connect();
        assertThat(ack5.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6] [MQTT-3.2.2-16] MQTT 5: an empty client id gets an Assigned Client Identifier")
    void mqtt5EmptyClientIdIsAssignedOne() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(Protocol.V5, ""));
        assertThat(connAck.connAckCode()).isZero();
        Object assigned = connAck.connAckProps().get(Props.ASSIGNED_CLIENT_ID).get(0);
        assertThat((String) assigned).isNotBlank();
    }

    @Test
    @DisplayName("[MQTT-3.1.3-7] MQTT 3.1.1: an empty client id with clean session is accepted")
    void mqtt311EmptyClientIdWithCleanSessionIsAccepted() {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(Protocol.V311, "").cleanStart(true))
                        .connAckCode())
                .isZero();
        raw.send(RawPackets.pingreq());
        assertThat(raw.read().type()).isEqualTo(RawPackets.PINGRESP);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-8] MQTT 3.1.1: an empty client id without clean session gets return code 2 and is closed")
    void mqtt311EmptyClientIdWithoutCleanSessionIsRefused() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(Protocol.V311, "").cleanStart(false));
        assertThat(connAck.connAckCode()).isEqualTo(2);
        assertThat(raw.isClosedByBroker(RawClient.DEFAULT_TIMEOUT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$gateway", "$bridge/x"})
    void mqtt5ReservedClientIdsAreRefusedWith0x85(String clientId) {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(Protocol.V5, clientId)).connAckCode())
                .isEqualTo(0x85);
        assertThat(raw.isClosedByBroker(RawClient.DEFAULT_TIMEOUT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$gateway", "$bridge/x"})
    void mqtt311ReservedClientIdsAreRefusedWithReturnCode2(String clientId) {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(Protocol.V311, clientId)).connAckCode())
                .isEqualTo(2);
        assertThat(raw.isClosedByBroker(RawClient.DEFAULT_TIMEOUT)).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] unsupported protocol level: 3.1.1 return code 1")
    void unsupportedProtocolLevelGetsReturnCode1() {
        RawClient raw = broker.raw();
        byte[] connect = Wire.frame(0x10, Wire.utf8("MQTT"), Wire.u8(6), Wire.u8(2), Wire.u16(60), Wire.utf8("lvl6"));
        raw.send(connect);
        List<Packet> before = raw.awaitClosed();
        assertThat(before).hasSize(1);
        assertThat(before.get(0).connAckCode())
                .as("unacceptable protocol version")
                .isIn(0x01, 0x84);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-1] a wrong protocol name closes the connection without a successful CONNACK")
    void wrongProtocolNameIsRefused() {
        RawClient raw = broker.raw();
        raw.send(Wire.frame(0x10, Wire.utf8("MQTX"), Wire.u8(4), Wire.u8(2), Wire.u16(60), Wire.utf8("bad-name")));
        assertThat(raw.awaitClosed())
                .allSatisfy(p -> assertThat(p.connAckCode()).isNotZero());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.4-2] a second connection with the same client id takes over; the first is closed")
    void sameClientIdTakesOverOldConnection(Protocol protocol) {
        TestClient first = broker.connected(protocol, "takeover-" + protocol.level());
        TestClient second = broker.connected(protocol, "takeover-" + protocol.level());
        await().atMost(TestClient.WAIT).until(() -> !first.isConnected());
        assertThat(second.isConnected()).isTrue();
        second.subscribe("takeover/t", 0);
        second.publish("takeover/t", "still-here", 1);
        second.awaitMessage("still-here");
    }

    @Test
    @DisplayName("[MQTT-3.1.4-3] MQTT 5: the taken-over connection gets DISCONNECT 0x8E (session taken over)")
    void mqtt5TakeoverSendsDisconnect0x8E() {
        RawClient old = broker.raw();
        assertThat(old.connect(RawConnect.of(Protocol.V5, "takeover-raw")).connAckCode())
                .isZero();
        PahoV5Client replacement = broker.paho5("takeover-raw");
        replacement.connect();
        List<Packet> before = old.awaitClosed();
        assertThat(before).hasSize(1);
        assertThat(before.get(0).disconnectReason()).isEqualTo(0x8E);
    }

    @Test
    void mqtt5PahoClientSeesTakeoverReason() {
        PahoV5Client old = broker.paho5("takeover-paho");
        old.connect();
        broker.paho5("takeover-paho").connect();
        await().atMost(TestClient.WAIT).until(() -> old.disconnectReason() == 0x8E);
    }

    @Test
    void connAckAdvertisesConfiguredLimits() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(Protocol.V5, "limits"));
        var props = connAck.connAckProps();
        assertThat(props.get(Props.TOPIC_ALIAS_MAXIMUM)).containsExactly(10);
        assertThat(props.get(Props.MAXIMUM_PACKET_SIZE)).containsExactly(256L * 1024);
    }

    @Test
    void clientThatClosesBeforeConnackDoesNotDisturbOthers() {
        TestClient other = broker.connected(Protocol.V311, "bystander");
        RawClient raw = broker.raw();
        raw.send(Wire.hex("10 0c 00 04 4d 51")); // half a CONNECT
        raw.kill();
        other.subscribe("bystander/t", 1);
        other.publish("bystander/t", "ok", 1);
        assertThat(other.awaitMessage("ok").qos()).isEqualTo(1);
    }
}

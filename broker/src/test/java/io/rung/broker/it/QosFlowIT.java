package io.rung.broker.it;

import static io.rung.broker.it.support.RawPackets.PUBACK;
import static io.rung.broker.it.support.RawPackets.PUBCOMP;
import static io.rung.broker.it.support.RawPackets.PUBLISH;
import static io.rung.broker.it.support.RawPackets.PUBREC;
import static io.rung.broker.it.support.RawPackets.PUBREL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** QoS 0, 1 and 2 flows in both directions, and exactly-once across reconnects (mosquitto's 03-publish group). */
class QosFlowIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    static Stream<Arguments> protocolsAndQos() {
        return Stream.of(Protocol.values())
                .flatMap(p -> Stream.of(0, 1, 2)
                        .flatMap(pubQos -> Stream.of(0, 1, 2).map(subQos -> Arguments.of(p, pubQos, subQos))));
    }

    @ParameterizedTest(name = "{0} publish q{1} subscribe q{2}")
    @MethodSource("protocolsAndQos")
    @DisplayName("[MQTT-3.8.4-8] delivered QoS is the minimum of published and granted QoS")
    void deliveredQosIsMinimumOfPublishAndSubscription(Protocol p, int pubQos, int subQos) {
        String topic = "qos/" + p.level() + "/" + pubQos + subQos;
        TestClient sub = broker.connected(p, "q-sub-" + p.level() + pubQos + subQos);
        assertThat(sub.subscribe(topic, subQos)).isEqualTo(subQos);
        TestClient pub = broker.connected(p, "q-pub-" + p.level() + pubQos + subQos);
        pub.publish(topic, "m", pubQos);
        assertThat(sub.awaitMessage("m").qos()).isEqualTo(Math.min(pubQos, subQos));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> sub.count("m") == 1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-4.3.2-2] QoS 1: PUBACK carries the PUBLISH packet identifier")
    void qos1PublishIsAcknowledgedWithItsPacketId(Protocol p) {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(p, "q1-raw-" + p.level()));
        raw.send(RawPackets.publish(p, "q1/raw", 1, 0x1234, "x"));
        Packet ack = raw.readType(PUBACK);
        assertThat(ack.packetId()).isEqualTo(0x1234);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName(
            "[MQTT-4.3.3-2] QoS 2: PUBREC, PUBREL, PUBCOMP, and the subscriber gets it once even if PUBLISH is resent")
    void qos2FlowDeliversExactlyOnce(Protocol p) {
        String topic = "q2/raw/" + p.level();
        TestClient sub = broker.connected(p, "q2-sub-" + p.level());
        sub.subscribe(topic, 2);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(p, "q2-raw-" + p.level()));
        raw.send(RawPackets.publish(p, topic, 2, 17, "once"));
        assertThat(raw.readType(PUBREC).packetId()).isEqualTo(17);
        raw.send(RawPackets.publishDup(p, topic, 2, 17, "once")); // the client did not see PUBREC in time
        assertThat(raw.readType(PUBREC).packetId()).isEqualTo(17);
        raw.send(RawPackets.pubrel(17));
        assertThat(raw.readType(PUBCOMP).packetId()).isEqualTo(17);
        raw.send(RawPackets.publish(p, topic, 0, 0, "end"));
        sub.awaitMessage("end");
        assertThat(sub.count("once")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName(
            "[MQTT-4.4.0-1] QoS 2 inbound: exactly once when the connection drops after PUBREC and PUBREL is resent")
    void qos2ExactlyOnceAcrossClientReconnect(Protocol p) {
        String topic = "q2/reconnect/" + p.level();
        TestClient sub = broker.connected(p, "q2r-sub-" + p.level());
        sub.subscribe(topic, 2);
        RawConnect persistent = RawConnect.of(p, "q2r-pub-" + p.level())
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 60));
        RawClient first = broker.raw();
        assertThat(first.connect(persistent).connAckCode()).isZero();
        first.send(RawPackets.publish(p, topic, 2, 42, "exactly-once"));
        assertThat(first.readType(PUBREC).packetId()).isEqualTo(42);
        first.kill();

        RawClient second = broker.raw();
        Packet connAck = second.connect(persistent);
        assertThat(connAck.connAckCode()).isZero();
        assertThat(connAck.sessionPresent()).isTrue();
        second.send(RawPackets.pubrel(42));
        assertThat(second.readType(PUBCOMP).packetId()).isEqualTo(42);
        second.send(RawPackets.publish(p, topic, 1, 43, "end"));
        second.readType(PUBACK);
        sub.awaitMessage("end");
        assertThat(sub.count("exactly-once")).isEqualTo(1);
        second.send(RawPackets.disconnect());
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-4.4.0-1] QoS 1 outbound: an unacknowledged PUBLISH is resent with DUP on reconnect")
    void unacknowledgedQos1IsResentWithDupAfterReconnect(Protocol p) {
        String topic = "q1/redeliver/" + p.level();
        RawConnect persistent = RawConnect.of(p, "q1-redeliver-" + p.level())
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 60));
        RawClient first = broker.raw();
        first.connect(persistent);
        first.send(RawPackets.subscribe(p, 1, topic, 1));
        first.readType(RawPackets.SUBACK);
        broker.connected(p, "q1-redeliver-pub-" + p.level()).publish(topic, "again", 1);
        Packet.Publish original = first.readType(PUBLISH).publish(p);
        assertThat(original.dup()).isFalse();
        first.kill(); // never acknowledged

        RawClient second = broker.raw();
        assertThat(second.connect(persistent).sessionPresent()).isTrue();
        Packet.Publish resent = second.readType(PUBLISH).publish(p);
        assertThat(resent.payloadText()).isEqualTo("again");
        assertThat(resent.dup()).isTrue();
        assertThat(resent.packetId()).isEqualTo(original.packetId());
        second.send(RawPackets.puback(resent.packetId()));
        second.send(RawPackets.disconnect());
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-4.4.0-1] QoS 2 outbound: after PUBREC the broker resends PUBREL, not PUBLISH, on reconnect")
    void qos2OutboundResendsPubrelAfterReconnect(Protocol p) {
        String topic = "q2/outbound/" + p.level();
        RawConnect persistent = RawConnect.of(p, "q2-out-" + p.level())
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 60));
        RawClient first = broker.raw();
        first.connect(persistent);
        first.send(RawPackets.subscribe(p, 1, topic, 2));
        first.readType(RawPackets.SUBACK);
        broker.connected(p, "q2-out-pub-" + p.level()).publish(topic, "twice?", 2);
        Packet.Publish publish = first.readType(PUBLISH).publish(p);
        assertThat(publish.qos()).isEqualTo(2);
        first.send(RawPackets.pubrec(publish.packetId()));
        assertThat(first.readType(PUBREL).packetId()).isEqualTo(publish.packetId());
        first.kill(); // PUBCOMP never sent

        RawClient second = broker.raw();
        assertThat(second.connect(persistent).sessionPresent()).isTrue();
        Packet resent = second.read();
        assertThat(resent.type()).isEqualTo(PUBREL);
        assertThat(resent.packetId()).isEqualTo(publish.packetId());
        second.send(RawPackets.pubcomp(publish.packetId()));
        second.send(RawPackets.pingreq());
        assertThat(second.read().type())
                .as("nothing but PINGRESP after PUBCOMP")
                .isEqualTo(RawPackets.PINGRESP);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void qos1AndQos2StreamsAreAllDelivered(Protocol p) {
        String topic = "stream/" + p.level();
        TestClient sub = broker.connected(p, "stream-sub-" + p.level());
        sub.subscribe(topic, 2);
        TestClient pub = broker.connected(p, "stream-pub-" + p.level());
        for (int i = 0; i < 200; i++) pub.publish(topic, "m" + i, 1 + i % 2);
        assertThat(sub.awaitMessages(200)).hasSize(200);
        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> sub.messages().size() == 200);
    }
}

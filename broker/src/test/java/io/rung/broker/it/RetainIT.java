package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.RawPackets.Filter;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retained messages: set, replace, clear, and the MQTT 5 retain options (mosquitto's 04-retain group). */
class RetainIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    /** Subscribes a fresh client and returns what it received before a barrier message on its own topic. */
    private static List<Received> retainedOnSubscribe(Protocol p, String id, String filter, int qos) {
        TestClient probe = broker.connected(p, id);
        probe.subscribe(filter, qos);
        String barrier = "barrier/" + id;
        probe.subscribe(barrier, 0);
        probe.publish(barrier, "barrier", 1);
        probe.awaitMessage("barrier");
        return probe.messages().stream().filter(m -> !m.topic().equals(barrier)).toList();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.3.1-6] [MQTT-3.3.1-8] a retained message is sent to new subscribers with RETAIN set")
    void retainedMessageIsSentOnSubscribe(Protocol p) {
        String topic = "retain/set/" + p.level();
        broker.connected(p, "ret-pub-" + p.level()).publish(topic, "kept", 1, true);
        List<Received> got = retainedOnSubscribe(p, "ret-sub-" + p.level(), topic, 1);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).text()).isEqualTo("kept");
        assertThat(got.get(0).retain()).isTrue();
        assertThat(got.get(0).qos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.3.1-5] a new retained message replaces the previous one")
    void newRetainedMessageReplacesOld(Protocol p) {
        String topic = "retain/replace/" + p.level();
        TestClient pub = broker.connected(p, "rep-pub-" + p.level());
        pub.publish(topic, "old", 1, true);
        pub.publish(topic, "new", 1, true);
        assertThat(retainedOnSubscribe(p, "rep-sub-" + p.level(), topic, 1))
                .extracting(Received::text)
                .containsExactly("new");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.3.1-10] [MQTT-3.3.1-11] an empty retained message clears the topic and is not stored")
    void emptyRetainedMessageClears(Protocol p) {
        String topic = "retain/clear/" + p.level();
        TestClient pub = broker.connected(p, "clr-pub-" + p.level());
        pub.publish(topic, "gone soon", 1, true);
        pub.publish(topic, "", 0, true);
        // a QoS 0 publish has no acknowledgement: a QoS 1 one on the same connection, acknowledged, proves the
        // broker has processed the clear before the subscriber arrives (packets of one connection are in order)
        pub.publish(topic + "/fence", "x", 1, false);
        assertThat(retainedOnSubscribe(p, "clr-sub-" + p.level(), topic, 1)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.3.1-9] a message matching an existing subscription is delivered with RETAIN 0")
    void liveMessageToExistingSubscriberHasRetainClear(Protocol p) {
        String topic = "retain/live/" + p.level();
        TestClient sub = broker.connected(p, "live-sub-" + p.level());
        sub.subscribe(topic, 1);
        broker.connected(p, "live-pub-" + p.level()).publish(topic, "live", 1, true);
        assertThat(sub.awaitMessage("live").retain()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void wildcardSubscriptionGetsEveryMatchingRetainedMessage(Protocol p) {
        String root = "retain/many/" + p.level();
        TestClient pub = broker.connected(p, "many-pub-" + p.level());
        pub.publish(root + "/a", "a", 0, true);
        pub.publish(root + "/b/c", "c", 1, true);
        pub.publish(root + "/d", "d", 2, true);
        List<Received> got = retainedOnSubscribe(p, "many-sub-" + p.level(), root + "/#", 2);
        assertThat(got).extracting(Received::text).containsExactlyInAnyOrder("a", "c", "d");
        assertThat(got).allSatisfy(m -> assertThat(m.retain()).isTrue());
        assertThat(got)
                .filteredOn(m -> m.text().equals("a"))
                .extracting(Received::qos)
                .containsExactly(0);
        assertThat(got)
                .filteredOn(m -> m.text().equals("d"))
                .extracting(Received::qos)
                .containsExactly(2);
    }

    /** Raw MQTT 5 subscriber: SUBSCRIBE with options, then what arrives before a PINGRESP. */
    private static List<Packet.Publish> subscribeRaw(RawClient raw, int packetId, Filter filter) {
        raw.send(RawPackets.subscribe(Protocol.V5, packetId, Props.of(), filter));
        raw.readType(RawPackets.SUBACK);
        return drain(raw);
    }

    private static List<Packet.Publish> drain(RawClient raw) {
        raw.send(RawPackets.pingreq());
        List<Packet.Publish> got = new ArrayList<>();
        for (Packet packet = raw.read(); !packet.is(RawPackets.PINGRESP); packet = raw.read()) {
            Packet.Publish publish = packet.publish(Protocol.V5);
            got.add(publish);
            if (publish.qos() == 1) raw.send(RawPackets.puback(publish.packetId()));
        }
        return got;
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] [MQTT-3.3.1-10] MQTT 5 retain handling 0, 1 and 2")
    void retainHandlingOptions() {
        String topic = "retain/handling";
        broker.connected(Protocol.V5, "rh-pub").publish(topic, "r", 1, true);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V5, "rh-raw"));

        // 0: send retained messages at every subscribe
        assertThat(subscribeRaw(raw, 1, Filter.v5(topic, 1, false, false, 0))).hasSize(1);
        assertThat(subscribeRaw(raw, 2, Filter.v5(topic, 1, false, false, 0))).hasSize(1);
        // 1: only if the subscription did not exist yet
        assertThat(subscribeRaw(raw, 3, Filter.v5(topic, 1, false, false, 1))).isEmpty();
        assertThat(subscribeRaw(raw, 4, Filter.v5(topic + "/#", 1, false, false, 1)))
                .hasSize(1);
        // 2: never
        assertThat(subscribeRaw(raw, 5, Filter.v5("retain/+", 1, false, false, 2)))
                .isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-12] [MQTT-3.3.1-13] MQTT 5 retain-as-published keeps RETAIN on live messages")
    void retainAsPublishedKeepsTheFlag() {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V5, "rap-raw"));
        subscribeRaw(raw, 1, Filter.v5("rap/keep", 1, false, true, 0));
        subscribeRaw(raw, 2, Filter.v5("rap/clear", 1, false, false, 0));
        TestClient pub = broker.connected(Protocol.V5, "rap-pub");
        pub.publish("rap/keep", "k", 1, true);
        pub.publish("rap/clear", "c", 1, true);
        Packet.Publish keep = raw.readType(RawPackets.PUBLISH).publish(Protocol.V5);
        raw.send(RawPackets.puback(keep.packetId()));
        Packet.Publish clear = raw.readType(RawPackets.PUBLISH).publish(Protocol.V5);
        raw.send(RawPackets.puback(clear.packetId()));
        assertThat(keep.topic()).isEqualTo("rap/keep");
        assertThat(keep.retain()).isTrue();
        assertThat(clear.topic()).isEqualTo("rap/clear");
        assertThat(clear.retain()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void retainedMessageWithQos0ClearIsNotForwardedAsEmptyToNewSubscribers(Protocol p) {
        String topic = "retain/rawclear/" + p.level();
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(p, "rawclr-" + p.level()));
        raw.send(RawPackets.publish(p, topic, 0, true, 0, Props.of(), Wire.bytes("v")));
        raw.send(RawPackets.publish(p, topic, 0, true, 0, Props.of(), new byte[0]));
        raw.send(RawPackets.pingreq());
        raw.readType(RawPackets.PINGRESP);
        assertThat(retainedOnSubscribe(p, "rawclr-sub-" + p.level(), topic, 0)).isEmpty();
    }
}

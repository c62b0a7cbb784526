package io.rung.broker.it;

import static io.rung.broker.it.support.Protocol.V5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.PahoV5Client;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.RawPackets.Filter;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 properties: topic aliases, message expiry, subscription identifiers, request/response, no-local. */
class Mqtt5PropertiesIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    private static final AtomicInteger ids = new AtomicInteger();

    private static RawClient rawV5(String clientId, Props props) {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(V5, clientId).props(props)).connAckCode())
                .isZero();
        return raw;
    }

    private static void subscribe(RawClient raw, Props props, Filter filter) {
        raw.send(RawPackets.subscribe(V5, ids.incrementAndGet() & 0xFFFF | 1, props, filter));
        raw.readType(RawPackets.SUBACK);
    }

    /** Reads PUBLISH packets (acknowledging QoS 1) until one carries {@code lastPayload}. */
    private static List<Packet.Publish> readUntil(RawClient raw, String lastPayload) {
        List<Packet.Publish> got = new ArrayList<>();
        while (true) {
            Packet.Publish p = raw.readType(RawPackets.PUBLISH).publish(V5);
            if (p.qos() == 1) raw.send(RawPackets.puback(p.packetId()));
            got.add(p);
            if (p.payloadText().equals(lastPayload)) return got;
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-12] a client sets a topic alias and then publishes with an empty topic")
    void clientToServerTopicAlias() {
        TestClient sub = broker.connected(V5, "alias-in-sub");
        sub.subscribe("alias/in", 0);
        RawClient raw = rawV5("alias-in", Props.of());
        raw.send(
                RawPackets.publish(V5, "alias/in", 0, false, 0, Props.of().u16(Props.TOPIC_ALIAS, 1), Wire.bytes("1")));
        raw.send(RawPackets.publish(V5, "", 0, false, 0, Props.of().u16(Props.TOPIC_ALIAS, 1), Wire.bytes("2")));
        assertThat(sub.awaitMessages(2))
                .extracting(m -> m.topic() + "=" + m.text())
                .containsExactly("alias/in=1", "alias/in=2");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-9] a topic alias above the broker's Topic Alias Maximum gets DISCONNECT 0x94")
    void topicAliasAboveMaximumIsRejected() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(V5, "alias-big"));
        int max =
                (Integer) connAck.connAckProps().get(Props.TOPIC_ALIAS_MAXIMUM).get(0);
        raw.send(RawPackets.publish(
                V5, "alias/big", 0, false, 0, Props.of().u16(Props.TOPIC_ALIAS, max + 1), Wire.bytes("x")));
        assertThat(raw.awaitClosed())
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isEqualTo(0x94));
    }

    @Test
    @DisplayName("[MQTT-3.3.2-8] topic alias 0 gets DISCONNECT 0x94 (or 0x82)")
    void topicAliasZeroIsRejected() {
        RawClient raw = rawV5("alias-zero", Props.of());
        raw.send(RawPackets.publish(
                V5, "alias/zero", 0, false, 0, Props.of().u16(Props.TOPIC_ALIAS, 0), Wire.bytes("x")));
        assertThat(raw.awaitClosed())
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isIn(0x94, 0x82));
    }

    @Test
    @DisplayName("MQTT 5 §3.3.2.3.4: an empty topic with an alias that was never set is a protocol error (0x82)")
    void unknownTopicAliasIsProtocolError() {
        RawClient raw = rawV5("alias-unknown", Props.of());
        raw.send(RawPackets.publish(V5, "", 0, false, 0, Props.of().u16(Props.TOPIC_ALIAS, 3), Wire.bytes("x")));
        assertThat(raw.awaitClosed())
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isEqualTo(0x82));
    }

    @Test
    @DisplayName("[MQTT-3.3.2-10] [MQTT-3.3.2-11] the broker assigns topic aliases to clients that accept them")
    void serverToClientTopicAlias() {
        RawClient raw = rawV5("alias-out", Props.of().u16(Props.TOPIC_ALIAS_MAXIMUM, 5));
        subscribe(raw, Props.of(), Filter.of("alias/out", 0));
        TestClient pub = broker.connected(V5, "alias-out-pub");
        for (int i = 0; i < 5; i++) pub.publish("alias/out", "m" + i, 0);
        List<Packet.Publish> got = readUntil(raw, "m4");
        assertThat(got).hasSize(5);
        Object alias = got.get(0).prop(Props.TOPIC_ALIAS);
        assertThat(got.get(0).topic()).isEqualTo("alias/out");
        assertThat((Integer) alias).isBetween(1, 5);
        assertThat(got.subList(1, 5)).as("later messages reuse the alias").anySatisfy(p -> {
            assertThat(p.topic()).isEmpty();
            assertThat(p.prop(Props.TOPIC_ALIAS)).isEqualTo(alias);
        });
    }

    @Test
    @DisplayName("[MQTT-3.3.2-10] no topic aliases for a client whose Topic Alias Maximum is 0")
    void noTopicAliasesForClientsThatDoNotAcceptThem() {
        RawClient raw = rawV5("alias-none", Props.of());
        subscribe(raw, Props.of(), Filter.of("alias/none", 0));
        TestClient pub = broker.connected(V5, "alias-none-pub");
        for (int i = 0; i < 3; i++) pub.publish("alias/none", "m" + i, 0);
        assertThat(readUntil(raw, "m2")).allSatisfy(p -> {
            assertThat(p.topic()).isEqualTo("alias/none");
            assertThat(p.prop(Props.TOPIC_ALIAS)).isNull();
        });
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] [MQTT-3.3.2-6] expired messages are dropped; others carry the remaining lifetime")
    void messageExpiryInOfflineQueueAndRetained() {
        PahoV5Client sub = broker.paho5("exp-sub");
        sub.connect(ClientOptions.persistent());
        sub.subscribe("exp/q", 1);
        sub.disconnect();
        PahoV5Client pub = broker.paho5("exp-pub");
        pub.connect();
        pub.publish("exp/q", withExpiry("short", 1, false));
        pub.publish("exp/q", withExpiry("long", 60, false));
        pub.publish("exp/clock", withExpiry("tick", 1, true));
        // the retained probe expires on the broker's own clock: once it is gone, "short" has expired too
        assertThat(retainedProbe()).as("retained probe before expiry").isTrue();
        await().atMost(TestClient.WAIT).until(() -> !retainedProbe());

        sub.connect(ClientOptions.persistent());
        sub.awaitMessage("long");
        assertThat(sub.messages()).extracting(m -> m.text()).containsExactly("long");
        Long left = sub.rawMessages().get(0).getProperties().getMessageExpiryInterval();
        assertThat(left).isNotNull().isBetween(1L, 59L);
    }

    private static MqttMessage withExpiry(String payload, long seconds, boolean retain) {
        MqttProperties props = new MqttProperties();
        props.setMessageExpiryInterval(seconds);
        return new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retain, props);
    }

    private static boolean retainedProbe() {
        RawClient raw = rawV5("probe-" + ids.incrementAndGet(), Props.of());
        subscribe(raw, Props.of(), Filter.of("exp/clock", 0));
        raw.send(RawPackets.pingreq());
        boolean found = raw.read().is(RawPackets.PUBLISH);
        raw.close();
        return found;
    }

    @Test
    @DisplayName(
            "[MQTT-3.3.4-2] [MQTT-3.3.4-3] overlapping subscriptions: one copy, highest QoS, every subscription id")
    void overlappingSubscriptionsCarryAllIdentifiers() {
        RawClient raw = rawV5("sid", Props.of());
        subscribe(raw, Props.of().varint(Props.SUBSCRIPTION_ID, 1), Filter.of("sid/#", 0));
        subscribe(raw, Props.of().varint(Props.SUBSCRIPTION_ID, 2), Filter.of("sid/+", 1));
        subscribe(raw, Props.of(), Filter.of("sid/x", 0));
        TestClient pub = broker.connected(V5, "sid-pub");
        pub.publish("sid/x", "hit", 1);
        pub.publish("sid/x", "end", 1);
        List<Packet.Publish> got = readUntil(raw, "end");
        assertThat(got).hasSize(2);
        Packet.Publish hit = got.get(0);
        assertThat(hit.payloadText()).isEqualTo("hit");
        assertThat(hit.qos()).isEqualTo(1);
        assertThat(hit.props().get(Props.SUBSCRIPTION_ID)).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-15] [MQTT-3.3.2-16] [MQTT-3.3.2-17] [MQTT-3.3.2-18] [MQTT-3.3.2-20] request/response "
            + "and other properties are passed through unchanged")
    void requestResponsePropertiesArePassedThrough() {
        PahoV5Client responder = broker.paho5("responder");
        responder.connect();
        responder.subscribe("rr/request", 1);
        PahoV5Client requester = broker.paho5("requester");
        requester.connect();
        requester.subscribe("rr/response/requester", 1);

        MqttProperties props = new MqttProperties();
        props.setResponseTopic("rr/response/requester");
        props.setCorrelationData(new byte[] {1, 2, 3, (byte) 0xFF});
        props.setContentType("application/json");
        props.setPayloadFormat(true);
        props.setUserProperties(
                List.of(new UserProperty("b", "2"), new UserProperty("a", "1"), new UserProperty("b", "3")));
        requester.publish("rr/request", new MqttMessage(Wire.bytes("{\"q\":1}"), 1, false, props));

        responder.awaitMessage("{\"q\":1}");
        MqttProperties got = responder.rawMessages().get(0).getProperties();
        assertThat(got.getResponseTopic()).isEqualTo("rr/response/requester");
        assertThat(got.getCorrelationData()).containsExactly(1, 2, 3, 0xFF);
        assertThat(got.getContentType()).isEqualTo("application/json");
        assertThat(got.getPayloadFormat()).isTrue();
        assertThat(got.getUserProperties())
                .extracting(u -> u.getKey() + "=" + u.getValue())
                .containsExactly("b=2", "a=1", "b=3");

        MqttProperties answer = new MqttProperties();
        answer.setCorrelationData(got.getCorrelationData());
        responder.publish(got.getResponseTopic(), new MqttMessage(Wire.bytes("ok"), 1, false, answer));
        requester.awaitMessage("ok");
        assertThat(requester.rawMessages().get(0).getProperties().getCorrelationData())
                .containsExactly(1, 2, 3, 0xFF);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-3] No Local: a client does not receive its own messages")
    void noLocalSuppressesOwnMessages() {
        PahoV5Client c = broker.paho5("no-local");
        c.connect();
        MqttSubscription sub = new MqttSubscription("nl/t", 1);
        sub.setNoLocal(true);
        c.subscribe(sub, new MqttProperties());
        c.publish("nl/t", "mine", 1);
        broker.connected(V5, "nl-other").publish("nl/t", "theirs", 1);
        c.awaitMessage("theirs");
        assertThat(c.count("mine")).isZero();
    }
}

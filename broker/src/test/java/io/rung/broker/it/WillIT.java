package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.PahoV5Client;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Will messages: when they are sent, when not, delays and retain (mosquitto's 07-will group). */
class WillIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    private static TestClient watch(Protocol p, String topic) {
        TestClient watcher = broker.connected(p, "watch-" + Math.abs(topic.hashCode() % 100000));
        watcher.subscribe(topic, 1);
        return watcher;
    }

    private static RawConnect withWill(Protocol p, String clientId, String topic, String payload) {
        return RawConnect.of(p, clientId).will(topic, Wire.bytes(payload), 1, false);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.2-8] the will is published when the connection is lost without DISCONNECT")
    void willIsPublishedWhenSocketIsKilled(Protocol p) {
        String topic = "will/killed/" + p.level();
        TestClient watcher = watch(p, topic);
        RawClient raw = broker.raw();
        assertThat(raw.connect(withWill(p, "killed-" + p.level(), topic, "gone"))
                        .connAckCode())
                .isZero();
        raw.kill();
        Received will = watcher.awaitMessage("gone");
        assertThat(will.topic()).isEqualTo(topic);
        assertThat(will.qos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.2-10] [MQTT-3.14.4-3] no will after a normal DISCONNECT")
    void noWillAfterNormalDisconnect(Protocol p) {
        String topic = "will/normal/" + p.level();
        TestClient watcher = watch(p, topic);
        RawClient raw = broker.raw();
        raw.connect(withWill(p, "normal-" + p.level(), topic, "should not appear"));
        raw.send(p.isV5() ? RawPackets.disconnect(0x00) : RawPackets.disconnect());
        raw.awaitClosed();
        watcher.publish(topic, "barrier", 1);
        watcher.awaitMessage("barrier");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> watcher.count("should not appear") == 0);
    }

    @Test
    @DisplayName("MQTT 5 §3.14.2.1: DISCONNECT with reason 0x04 publishes the will")
    void mqtt5DisconnectWithWillMessagePublishesWill() {
        String topic = "will/0x04";
        TestClient watcher = watch(Protocol.V5, topic);
        RawClient raw = broker.raw();
        raw.connect(withWill(Protocol.V5, "with-will", topic, "asked for"));
        raw.send(RawPackets.disconnect(0x04));
        watcher.awaitMessage("asked for");
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.1.2-8] the will is published when the broker closes the connection for a protocol error")
    void willIsPublishedAfterMalformedPacket(Protocol p) {
        String topic = "will/malformed/" + p.level();
        TestClient watcher = watch(p, topic);
        RawClient raw = broker.raw();
        raw.connect(withWill(p, "malformed-" + p.level(), topic, "broken"));
        raw.send(Wire.hex("36 05 00 01 61 00 01")); // PUBLISH with QoS 3
        raw.awaitClosed();
        watcher.awaitMessage("broken");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] MQTT 5 will delay: the will waits for its delay")
    void mqtt5WillDelayIsHonoured() {
        String topic = "will/delayed";
        TestClient watcher = watch(Protocol.V5, topic);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V5, "delayed")
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 60))
                .will(topic, Wire.bytes("late"), 1, false, Props.of().u32(Props.WILL_DELAY, 2)));
        long lost = System.nanoTime();
        raw.kill();
        watcher.awaitMessage("late");
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
    }

    @Test
    @DisplayName("MQTT 5 §3.1.3.2.2: reconnecting within the will delay cancels the will")
    void mqtt5WillDelayIsCancelledByReconnect() {
        String topic = "will/cancelled";
        TestClient watcher = watch(Protocol.V5, topic);
        RawConnect connect = RawConnect.of(Protocol.V5, "comes-back")
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 60))
                .will(topic, Wire.bytes("cancelled"), 1, false, Props.of().u32(Props.WILL_DELAY, 1));
        RawClient raw = broker.raw();
        raw.connect(connect);
        raw.kill();
        RawClient again = broker.raw();
        assertThat(again.connect(RawConnect.of(Protocol.V5, "comes-back")
                                .cleanStart(false)
                                .props(Props.of().u32(Props.SESSION_EXPIRY, 60)))
                        .sessionPresent())
                .isTrue();
        await().during(Duration.ofMillis(2000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> watcher.count("cancelled") == 0);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.1.2-17] a will with retain set is stored as a retained message")
    void retainedWillIsStored(Protocol p) {
        String topic = "will/retained/" + p.level();
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(p, "ret-will-" + p.level()).will(topic, Wire.bytes("last words"), 0, true));
        raw.kill();
        TestClient later = broker.connected(p, "ret-will-sub-" + p.level());
        await().atMost(TestClient.WAIT).untilAsserted(() -> {
            later.subscribe(topic, 0);
            assertThat(later.messages()).extracting(Received::text).contains("last words");
        });
        assertThat(later.messages().get(0).retain()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.3.2-17] [MQTT-3.3.2-20] MQTT 5 will properties reach subscribers unchanged")
    void mqtt5WillPropertiesArePassedThrough() {
        String topic = "will/props";
        PahoV5Client watcher = broker.paho5("props-watcher");
        watcher.connect();
        watcher.subscribe(topic, 1);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V5, "with-props")
                .will(
                        topic,
                        Wire.bytes("{}"),
                        1,
                        false,
                        Props.of().utf8(Props.CONTENT_TYPE, "application/json").user("site", "b5")));
        raw.kill();
        watcher.awaitMessage("{}");
        MqttMessage will = watcher.rawMessages().get(0);
        assertThat(will.getProperties().getContentType()).isEqualTo("application/json");
        assertThat(will.getProperties().getUserProperties())
                .singleElement()
                .satisfies(u -> assertThat(u.getKey() + "=" + u.getValue()).isEqualTo("site=b5"));
    }
}

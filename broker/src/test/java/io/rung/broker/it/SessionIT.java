package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Clean and persistent sessions, offline queues and session expiry (mosquitto's 07-session group). */
class SessionIT {
    private static final int MAX_QUEUED = 5;

    @RegisterExtension
    static final BrokerExtension broker =
            BrokerExtension.withDefaults().limits(l -> l.withMaxQueuedMessages(MAX_QUEUED));

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName(
            "[MQTT-3.2.2-2] [MQTT-3.1.2-4] a persistent session keeps its subscriptions and reports session present")
    void persistentSessionKeepsSubscriptions(Protocol p) {
        String id = "persist-" + p.level();
        String topic = "session/keep/" + p.level();
        TestClient sub = broker.client(p, id);
        assertThat(sub.connect(ClientOptions.persistent())).isFalse();
        sub.subscribe(topic, 1);
        sub.disconnect();
        boolean present = sub.connect(ClientOptions.persistent());
        if (p != Protocol.V31)
            assertThat(present)
                    .as("session present (MQTT 3.1 has no such flag)")
                    .isTrue();
        broker.connected(p, "persist-pub-" + p.level()).publish(topic, "still subscribed", 1);
        sub.awaitMessage("still subscribed");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.2-6] [MQTT-3.2.2-1] a clean session discards the previous session")
    void cleanSessionDiscardsPreviousSession(Protocol p) {
        String id = "clean-" + p.level();
        String topic = "session/clean/" + p.level();
        TestClient sub = broker.client(p, id);
        sub.connect(ClientOptions.persistent());
        sub.subscribe(topic, 1);
        sub.disconnect();
        assertThat(sub.connect(ClientOptions.clean())).isFalse();
        sub.disconnect();
        assertThat(sub.connect(ClientOptions.persistent()))
                .as("old session gone")
                .isFalse();
        sub.subscribe("session/clean-end/" + p.level(), 1);
        TestClient pub = broker.connected(p, "clean-pub-" + p.level());
        pub.publish(topic, "old subscription", 1);
        pub.publish("session/clean-end/" + p.level(), "end", 1);
        sub.awaitMessage("end");
        assertThat(sub.count("old subscription")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.2-5] QoS 1 and 2 messages published while offline are delivered in order on reconnect")
    void offlineQueueIsDeliveredOnReconnect(Protocol p) {
        String topic = "session/queue/" + p.level();
        TestClient sub = broker.client(p, "queue-" + p.level());
        sub.connect(ClientOptions.persistent());
        sub.subscribe(topic, 2);
        sub.disconnect();
        TestClient pub = broker.connected(p, "queue-pub-" + p.level());
        for (int i = 0; i < 4; i++) pub.publish(topic, "m" + i, 1 + i % 2);
        sub.connect(ClientOptions.persistent());
        // order is guaranteed per topic and QoS [MQTT-4.6.0-6], not across QoS levels
        assertThat(sub.awaitMessages(4)).extracting(Received::text).containsExactlyInAnyOrder("m0", "m1", "m2", "m3");
        assertThat(sub.messages())
                .filteredOn(m -> m.qos() == 1)
                .extracting(Received::text)
                .containsExactly("m0", "m2");
        assertThat(sub.messages())
                .filteredOn(m -> m.qos() == 2)
                .extracting(Received::text)
                .containsExactly("m1", "m3");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void offlineQueueHoldsNoQos0Messages(Protocol p) {
        String topic = "session/q0/" + p.level();
        TestClient sub = broker.client(p, "q0-" + p.level());
        sub.connect(ClientOptions.persistent());
        sub.subscribe(topic, 1);
        sub.disconnect();
        TestClient pub = broker.connected(p, "q0-pub-" + p.level());
        pub.publish(topic, "qos0", 0);
        pub.publish(topic, "qos1", 1);
        sub.connect(ClientOptions.persistent());
        sub.awaitMessage("qos1");
        assertThat(sub.messages()).extracting(Received::text).containsExactly("qos1");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void offlineQueueOverflowDropsOldest(Protocol p) {
        String topic = "session/overflow/" + p.level();
        TestClient sub = broker.client(p, "overflow-" + p.level());
        sub.connect(ClientOptions.persistent());
        sub.subscribe(topic, 1);
        sub.disconnect();
        TestClient pub = broker.connected(p, "overflow-pub-" + p.level());
        for (int i = 0; i < MAX_QUEUED + 3; i++) pub.publish(topic, "m" + i, 1);
        sub.connect(ClientOptions.persistent());
        sub.awaitMessages(MAX_QUEUED);
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> sub.messages().size() == MAX_QUEUED);
        assertThat(sub.messages()).extracting(Received::text).containsExactly("m3", "m4", "m5", "m6", "m7");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-23] MQTT 5: session expiry 0 ends the session when the connection closes")
    void mqtt5SessionExpiryZeroEndsSessionAtDisconnect() {
        TestClient c = broker.client(Protocol.V5, "expiry-zero");
        c.connect(ClientOptions.persistent().withSessionExpiry(0));
        c.subscribe("session/expiry-zero", 1);
        c.disconnect();
        assertThat(c.connect(ClientOptions.persistent())).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-23] MQTT 5: the session ends when its expiry interval has passed (its will shows when)")
    void mqtt5SessionEndsAfterExpiryInterval() {
        TestClient watcher = broker.connected(Protocol.V5, "expiry-watcher");
        watcher.subscribe("session/expired", 1);
        RawConnect connect = RawConnect.of(Protocol.V5, "expiring")
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 1))
                .will(
                        "session/expired",
                        Wire.bytes("session ended"),
                        1,
                        false,
                        Props.of().u32(Props.WILL_DELAY, 3600));
        RawClient raw = broker.raw();
        assertThat(raw.connect(connect).connAckCode()).isZero();
        long lost = System.nanoTime();
        raw.kill();
        // will delay (1 h) is longer than the session expiry (1 s): the will is sent when the session ends
        watcher.awaitMessage("session ended");
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        RawClient again = broker.raw();
        assertThat(again.connect(RawConnect.of(Protocol.V5, "expiring").cleanStart(false))
                        .sessionPresent())
                .isFalse();
    }

    @Test
    @DisplayName("MQTT 5 §3.2.2.3.2: a session expiry above maxSessionExpiry is cut and the CONNACK says so")
    void mqtt5SessionExpiryIsCappedAndReported() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(Protocol.V5, "capped")
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 0xFFFFFFFFL)));
        assertThat(connAck.connAckCode()).isZero();
        assertThat(connAck.connAckProps().get(Props.SESSION_EXPIRY)).containsExactly(7L * 24 * 3600);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void takeoverOfPersistentSessionKeepsIt(Protocol p) {
        String topic = "session/takeover/" + p.level();
        TestClient first = broker.client(p, "take-" + p.level());
        first.connect(ClientOptions.persistent());
        first.subscribe(topic, 1);
        TestClient second = broker.client(p, "take-" + p.level());
        assertThat(second.connect(ClientOptions.persistent())).isTrue();
        broker.connected(p, "take-pub-" + p.level()).publish(topic, "to the new one", 1);
        second.awaitMessage("to the new one");
        await().atMost(TestClient.WAIT).until(() -> !first.isConnected());
    }

    @Test
    void mqtt311PersistentSessionEndsAfterMaxSessionExpiryIdle() throws Exception {
        try (BrokerExtension b = BrokerExtension.withDefaults()
                .limits(l -> l.withMaxSessionExpiry(Duration.ofSeconds(1)))
                .startStandalone()) {
            TestClient c = b.client(Protocol.V311, "idle-311");
            c.connect(ClientOptions.persistent());
            c.subscribe("session/idle", 1);
            c.disconnect();
            // every reconnect that still finds the session restarts its clock, so polls are spaced wider than it
            await().pollDelay(Duration.ofMillis(2500))
                    .pollInterval(Duration.ofMillis(2500))
                    .atMost(Duration.ofSeconds(12))
                    .until(() -> {
                        boolean present = c.connect(ClientOptions.persistent());
                        c.disconnect();
                        return !present;
                    });
        }
    }
}

package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SUBSCRIBE, UNSUBSCRIBE and routing by topic filter (mosquitto's 02-subpub group). */
class SubscribePublishIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void singleLevelAndMultiLevelWildcardsMatch(Protocol p) {
        TestClient sub = broker.connected(p, "wild-sub-" + p.level());
        sub.subscribe("wild" + p.level() + "/+/temp", 0);
        sub.subscribe("wild" + p.level() + "/b/#", 0);
        TestClient pub = broker.connected(p, "wild-pub-" + p.level());
        String root = "wild" + p.level();
        pub.publish(root + "/a/temp", "1", 1);
        pub.publish(root + "/a/other", "2", 1);
        pub.publish(root + "/b", "3", 1); // '#' also matches the parent level [MQTT-4.7.1-2]
        pub.publish(root + "/b/c/d", "4", 1);
        pub.publish(root + "/end", "end", 1);
        sub.subscribe(root + "/end", 0);
        pub.publish(root + "/end", "end", 1);
        sub.awaitMessage("end");
        assertThat(sub.messages()).extracting(Received::text).containsExactly("1", "3", "4", "end");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void unsubscribeStopsDelivery(Protocol p) {
        String t = "unsub/" + p.level();
        TestClient sub = broker.connected(p, "unsub-" + p.level());
        sub.subscribe(t + "/a", 1);
        sub.subscribe(t + "/end", 1);
        TestClient pub = broker.connected(p, "unsub-pub-" + p.level());
        pub.publish(t + "/a", "before", 1);
        sub.awaitMessage("before");
        sub.unsubscribe(t + "/a");
        pub.publish(t + "/a", "after", 1);
        pub.publish(t + "/end", "end", 1);
        sub.awaitMessage("end");
        assertThat(sub.count("after")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-4.7.2-1] topics starting with $ are not matched by filters starting with a wildcard")
    void dollarTopicsAreNotMatchedByLeadingWildcards(Protocol p) {
        TestClient sub = broker.connected(p, "dollar-" + p.level());
        sub.subscribe("#", 0);
        sub.subscribe("+/x/#", 0);
        sub.subscribe("$rung" + p.level() + "/#", 0);
        TestClient pub = broker.connected(p, "dollar-pub-" + p.level());
        pub.publish("$rung" + p.level() + "/x/y", "dollar", 1);
        pub.publish("plain/x/y", "plain", 1);
        sub.awaitMessage("plain");
        // the explicit $ filter matches; '#' and '+/x/#' never do, so the $ message arrives exactly once
        assertThat(sub.count("dollar")).isEqualTo(1);
        TestClient hashOnly = broker.connected(p, "dollar-hash-" + p.level());
        hashOnly.subscribe("#", 0);
        pub.publish("$rung" + p.level() + "/x/y", "dollar again", 1);
        pub.publish("plain/x/y", "plain again", 1);
        hashOnly.awaitMessage("plain again");
        assertThat(hashOnly.count("dollar again")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void publishingToSysTopicsIsRefused(Protocol p) {
        TestClient sub = broker.connected(p, "sys-sub-" + p.level());
        sub.subscribe("$SYS/rung-test/#", 0);
        sub.subscribe("sys-barrier/" + p.level(), 0);
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(p, "sys-pub-" + p.level()));
        raw.send(RawPackets.publish(p, "$SYS/rung-test/fake", 1, true, 7, Props.of(), Wire.bytes("fake")));
        // the broker either acknowledges (MQTT 5 with a failure reason) and drops it, or closes the connection
        Optional<Packet> answer = raw.readOrClosed(RawClient.DEFAULT_TIMEOUT);
        answer.ifPresent(a -> {
            assertThat(a.type()).isIn(RawPackets.PUBACK, RawPackets.DISCONNECT);
            if (p.isV5() && a.is(RawPackets.PUBACK))
                assertThat(a.ackReasonCode()).isGreaterThanOrEqualTo(0x80);
        });
        sub.publish("sys-barrier/" + p.level(), "barrier", 1);
        sub.awaitMessage("barrier");
        assertThat(sub.count("fake")).isZero();

        TestClient probe = broker.connected(p, "sys-probe-" + p.level());
        probe.subscribe("$SYS/rung-test/#", 0);
        probe.subscribe("sys-probe-end/" + p.level(), 0);
        probe.publish("sys-probe-end/" + p.level(), "end", 1);
        probe.awaitMessage("end");
        assertThat(probe.count("fake")).as("no retained $SYS message stored").isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void messagesOfOnePublisherArriveInOrder(Protocol p) {
        String t = "order/" + p.level();
        TestClient sub = broker.connected(p, "order-sub-" + p.level());
        sub.subscribe(t, 1);
        TestClient pub = broker.connected(p, "order-pub-" + p.level());
        for (int i = 0; i < 100; i++) pub.publish(t, Integer.toString(i), 1);
        List<Received> got = sub.awaitMessages(100);
        assertThat(got)
                .extracting(Received::text)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100)
                        .mapToObj(Integer::toString)
                        .toList());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("overlapping subscriptions of one client give one copy at the highest granted QoS")
    void overlappingSubscriptionsDeliverOneCopy(Protocol p) {
        String t = "overlap/" + p.level();
        TestClient sub = broker.connected(p, "overlap-" + p.level());
        sub.subscribe(t + "/#", 0);
        sub.subscribe(t + "/+", 1);
        sub.subscribe(t + "/a", 0);
        TestClient pub = broker.connected(p, "overlap-pub-" + p.level());
        pub.publish(t + "/a", "one", 1);
        pub.publish(t + "/end", "end", 1);
        sub.awaitMessage("end");
        assertThat(sub.count("one")).isEqualTo(1);
        assertThat(sub.awaitMessage("one").qos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void resubscribingReplacesTheSubscriptionQos(Protocol p) {
        String t = "resub/" + p.level();
        TestClient sub = broker.connected(p, "resub-" + p.level());
        assertThat(sub.subscribe(t, 2)).isEqualTo(2);
        assertThat(sub.subscribe(t, 0)).isZero();
        TestClient pub = broker.connected(p, "resub-pub-" + p.level());
        pub.publish(t, "m", 2);
        assertThat(sub.awaitMessage("m").qos()).isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sub.count("m") == 1);
    }
}

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
import io.rung.broker.it.support.RawPackets.Filter;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 shared subscriptions {@code $share/group/filter} (MQTT 5 §4.8.2). */
class SharedSubscriptionIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    private static List<TestClient> members(String group, String filter, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    TestClient c = broker.connected(Protocol.V5, group + "-m" + i);
                    c.subscribe("$share/" + group + "/" + filter, 1);
                    return c;
                })
                .toList();
    }

    private static List<String> allTexts(List<TestClient> clients) {
        return clients.stream()
                .flatMap(c -> c.messages().stream())
                .map(Received::text)
                .toList();
    }

    private static List<String> publish(String topic, int count) {
        TestClient pub = broker.connected(Protocol.V5, "pub-" + Math.abs(topic.hashCode() % 10000));
        List<String> sent =
                IntStream.range(0, count).mapToObj(i -> topic + "#" + i).toList();
        for (String s : sent) pub.publish(topic, s, 1);
        return sent;
    }

    @Test
    @DisplayName("MQTT 5 §4.8.2: each message goes to one member of the group, and the load is spread")
    void messagesAreLoadBalancedAcrossMembers() {
        List<TestClient> members = members("lb", "jobs/#", 3);
        List<String> sent = publish("jobs/a", 60);
        await().atMost(TestClient.WAIT).until(() -> allTexts(members).size() >= sent.size());
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> allTexts(members).size() == sent.size());
        assertThat(allTexts(members)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(members)
                .allSatisfy(m -> assertThat(m.messages())
                        .as(m.clientId() + " got a share")
                        .isNotEmpty());
    }

    @Test
    void everyGroupAndEveryPlainSubscriberGetsEachMessage() {
        List<TestClient> g1 = members("g1", "multi/+", 2);
        List<TestClient> g2 = members("g2", "multi/#", 1);
        TestClient plain = broker.connected(Protocol.V5, "plain");
        plain.subscribe("multi/x", 1);
        List<String> sent = publish("multi/x", 10);
        await().atMost(TestClient.WAIT)
                .until(() -> allTexts(g1).size() == 10
                        && allTexts(g2).size() == 10
                        && plain.messages().size() == 10);
        assertThat(allTexts(g1)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(allTexts(g2)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(plain.messages()).extracting(Received::text).containsExactlyElementsOf(sent);
    }

    @Test
    void remainingMemberGetsEverythingAfterOthersLeave() {
        List<TestClient> members = members("leave", "leave/#", 2);
        members.get(0).unsubscribe("$share/leave/leave/#");
        members.get(0).subscribe("leave-end", 1);
        List<String> sent = publish("leave/x", 10);
        members.get(0).publish("leave-end", "end", 1);
        members.get(0).awaitMessage("end");
        await().atMost(TestClient.WAIT).until(() -> members.get(1).messages().size() == 10);
        assertThat(members.get(1).messages()).extracting(Received::text).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(members.get(0).messages()).extracting(Received::text).containsExactly("end");
    }

    @Test
    @DisplayName("MQTT 5 §4.8.2: retained messages are not sent when subscribing to a shared subscription")
    void retainedMessagesAreNotSentToSharedSubscriptions() {
        broker.connected(Protocol.V5, "ret-pub").publish("shared-ret/x", "retained", 1, true);
        TestClient member = broker.connected(Protocol.V5, "ret-member");
        member.subscribe("$share/rg/shared-ret/#", 1);
        member.subscribe("shared-ret-end", 1);
        member.publish("shared-ret-end", "end", 1);
        member.awaitMessage("end");
        assertThat(member.count("retained")).isZero();
        TestClient normal = broker.connected(Protocol.V5, "ret-normal");
        normal.subscribe("shared-ret/#", 1);
        assertThat(normal.awaitMessage("retained").retain()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.8.3-4] No Local on a shared subscription is a protocol error")
    void noLocalOnSharedSubscriptionIsProtocolError() {
        RawClient raw = broker.raw();
        raw.connect(RawConnect.of(Protocol.V5, "nl-shared"));
        raw.send(RawPackets.subscribe(Protocol.V5, 1, Props.of(), Filter.v5("$share/g/nl", 1, true, false, 0)));
        List<Packet> before = raw.awaitClosed();
        assertThat(before)
                .filteredOn(pk -> pk.is(RawPackets.DISCONNECT))
                .singleElement()
                .satisfies(d -> assertThat(d.disconnectReason()).isEqualTo(0x82));
    }
}

package io.rung.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.PahoV3Client;
import io.rung.broker.it.support.PahoV5Client;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.Wire;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker with its MVStore in a child JVM, killed with SIGKILL and restarted on the same data dir: nothing it
 * acknowledged is lost (DESIGN.md, Durability).
 */
class PersistenceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedQos1MessageReachesAnOfflineSubscriberAfterAKill() throws Exception {
        Path data = tmp.resolve("data");
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        int port;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.BATCH)) {
            port = broker.port();
            try (PahoV5Client sub = new PahoV5Client(uri(port), "durable-sub")) {
                sub.connect(ClientOptions.persistent().withSessionExpiry(3600));
                sub.subscribe("seq/#", 1);
                sub.disconnect();
            }
            Mqtt5AsyncClient pub = Mqtt5Client.builder()
                    .identifier("seq-pub")
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildAsync();
            pub.connect().get(5, TimeUnit.SECONDS);
            AtomicBoolean stop = new AtomicBoolean();
            Thread publisher = new Thread(() -> publishNumbered(pub, acked, stop), "seq-publisher");
            publisher.start();
            await().atMost(WAIT).until(() -> acked.size() >= 300);
            broker.kill(); // mid-stream: up to 32 messages are in flight
            stop.set(true);
            publisher.join(10_000);
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.BATCH);
                PahoV5Client sub = new PahoV5Client(uri(broker.port()), "durable-sub")) {
            assertThat(sub.connect(ClientOptions.persistent().withSessionExpiry(3600)))
                    .isTrue(); // session present
            await().atMost(WAIT).until(() -> numbers(sub.messages()).keySet().containsAll(acked));
            Map<Integer, List<Received>> byNumber = numbers(sub.messages());
            for (List<Received> copies : byNumber.values()) {
                // QoS 1 may deliver twice, but a second copy is a redelivery and carries DUP [MQTT-4.4.0-1]
                assertThat(copies.subList(1, copies.size())).allMatch(Received::dup);
            }
            List<Integer> firstCopies = sub.messages().stream()
                    .map(r -> Integer.parseInt(r.text()))
                    .distinct()
                    .toList();
            assertThat(firstCopies).isSorted(); // one publisher's messages stay in order [MQTT-4.6.0-5]
        }
    }

    @Test
    void aQos2MessageIsDeliveredExactlyOnceAcrossAKill() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.BATCH)) {
            port = broker.port();
            try (RawClient sub = RawClient.open(port)) {
                sub.connect(persistent("q2-sub"));
                sub.send(RawPackets.subscribe(Protocol.V5, 1, "q2/#", 2));
                sub.readType(RawPackets.SUBACK);
                sub.send(RawPackets.disconnect());
            }
            try (RawClient pub = RawClient.open(port)) {
                assertThat(pub.connect(persistent("q2-pub")).connAckCode()).isZero();
                pub.send(RawPackets.publish(Protocol.V5, "q2/once", 2, 7, "exactly once"));
                assertThat(pub.readType(RawPackets.PUBREC).packetId()).isEqualTo(7);
                broker.kill(); // PUBREC received, PUBREL not yet sent
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.BATCH)) {
            try (RawClient pub = RawClient.open(broker.port())) {
                assertThat(pub.connect(persistent("q2-pub")).sessionPresent()).isTrue();
                // a client that missed the PUBREC sends the PUBLISH again: acknowledged, not routed again
                pub.send(RawPackets.publishDup(Protocol.V5, "q2/once", 2, 7, "exactly once"));
                Packet rec = pub.readType(RawPackets.PUBREC);
                assertThat(rec.packetId()).isEqualTo(7);
                assertThat(rec.ackReasonCode()).isZero();
                pub.send(RawPackets.pubrel(7));
                Packet comp = pub.readType(RawPackets.PUBCOMP);
                assertThat(comp.packetId()).isEqualTo(7);
                assertThat(comp.ackReasonCode()).isZero(); // the packet id survived the kill (else 0x92)
            }
            try (RawClient sub = RawClient.open(broker.port())) {
                assertThat(sub.connect(persistent("q2-sub")).sessionPresent()).isTrue();
                Packet.Publish p = sub.readType(RawPackets.PUBLISH).publish(Protocol.V5);
                assertThat(p.payloadText()).isEqualTo("exactly once");
                assertThat(p.qos()).isEqualTo(2);
                sub.send(RawPackets.pubrec(p.packetId()));
                assertThat(sub.readType(RawPackets.PUBREL).packetId()).isEqualTo(p.packetId());
                sub.send(RawPackets.pubcomp(p.packetId()));
                sub.assertNothingFor(Duration.ofMillis(500)); // exactly one delivery
            }
        }
    }

    @Test
    void anUnacknowledgedDeliveryIsResentWithDupAndItsPacketIdAfterAKill() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        int packetId;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.ALWAYS);
                RawClient sub = RawClient.open(broker.port());
                RawClient pub = RawClient.open(broker.port())) {
            port = broker.port();
            // subscribed while connected and never disconnected: SUBACK came after the subscription was stored
            sub.connect(RawConnect.of(Protocol.V311, "inflight-sub").cleanStart(false));
            sub.send(RawPackets.subscribe(Protocol.V311, 1, "d/#", 1));
            sub.readType(RawPackets.SUBACK);
            pub.connect(RawConnect.of(Protocol.V311, "inflight-pub"));
            pub.send(RawPackets.publish(Protocol.V311, "d/1", 1, 1, "unacked"));
            pub.readType(RawPackets.PUBACK);
            Packet.Publish first = sub.readType(RawPackets.PUBLISH).publish(Protocol.V311);
            packetId = first.packetId();
            assertThat(first.dup()).isFalse();
            // a stored write after the delivery, so the record of its packet id is on disk before the kill
            pub.send(RawPackets.publish(Protocol.V311, "barrier", 1, true, 2, Props.of(), Wire.bytes("x")));
            pub.readType(RawPackets.PUBACK);
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.ALWAYS);
                RawClient sub = RawClient.open(broker.port())) {
            assertThat(sub.connect(RawConnect.of(Protocol.V311, "inflight-sub").cleanStart(false))
                            .sessionPresent())
                    .isTrue();
            Packet.Publish again = sub.readType(RawPackets.PUBLISH).publish(Protocol.V311);
            assertThat(again.payloadText()).isEqualTo("unacked");
            assertThat(again.dup()).isTrue(); // [MQTT-4.4.0-1] re-sent with DUP and the same packet id
            assertThat(again.packetId()).isEqualTo(packetId);
            sub.send(RawPackets.puback(packetId));
            sub.assertNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    void retainedMessagesAndAPendingWillSurviveAKill() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.BATCH)) {
            port = broker.port();
            try (PahoV5Client willSub = new PahoV5Client(uri(port), "will-watcher")) {
                willSub.connect(ClientOptions.persistent().withSessionExpiry(3600));
                willSub.subscribe("status/#", 1);
                willSub.disconnect();
            }
            try (RawClient device = RawClient.open(port);
                    RawClient pub = RawClient.open(port)) {
                // will delay 600 s, session expiry 1 s: the will is due when the session ends [MQTT-3.1.3-9]
                device.connect(RawConnect.of(Protocol.V5, "device")
                        .keepAlive(1)
                        .props(Props.of().u32(Props.SESSION_EXPIRY, 1))
                        .will(
                                "status/device",
                                Wire.bytes("offline"),
                                1,
                                false,
                                Props.of().u32(Props.WILL_DELAY, 600)));
                device.awaitClosed(Duration.ofSeconds(5)); // keep-alive timeout: the will is now pending
                pub.connect(RawConnect.of(Protocol.V5, "retainer"));
                pub.send(RawPackets.publish(Protocol.V5, "plant/mode", 1, true, 1, Props.of(), Wire.bytes("auto")));
                pub.readType(RawPackets.PUBACK); // acknowledged: stored, and so is the will queued before it
                broker.kill();
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.BATCH);
                PahoV5Client willSub = new PahoV5Client(uri(broker.port()), "will-watcher");
                PahoV5Client fresh = new PahoV5Client(uri(broker.port()), "fresh")) {
            willSub.connect(ClientOptions.persistent().withSessionExpiry(3600));
            await().atMost(WAIT).until(() -> !willSub.messages().isEmpty());
            assertThat(willSub.messages())
                    .extracting(Received::topic, Received::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("status/device", "offline"));
            fresh.connect(ClientOptions.clean());
            fresh.subscribe("plant/#", 1);
            await().atMost(WAIT).until(() -> !fresh.messages().isEmpty());
            assertThat(fresh.messages()).singleElement().satisfies(r -> {
                assertThat(r.text()).isEqualTo("auto");
                assertThat(r.retain()).isTrue();
            });
            try (RawClient device = RawClient.open(broker.port())) {
                // the device's session expired while the broker was down or at start
                assertThat(device.connect(persistent("device")).sessionPresent())
                        .isFalse();
            }
        }
    }

    @Test
    void aSubscriptionAcknowledgedRightBeforeAKillKeepsReceivingAfterTheRestart() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.BATCH);
                PahoV3Client v3 = new PahoV3Client(Protocol.V311, uri(broker.port()), "kept-v3");
                PahoV5Client v5 = new PahoV5Client(uri(broker.port()), "kept-v5")) {
            port = broker.port();
            // CONNACK, then SUBACK, then SIGKILL at once: both acks came only after the session was committed
            assertThat(v3.connect(ClientOptions.persistent())).isFalse();
            v3.subscribe("line/+/state", 1);
            assertThat(v5.connect(ClientOptions.persistent().withSessionExpiry(3600)))
                    .isFalse();
            v5.subscribe("line/+/state", 1);
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.BATCH)) {
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connect(RawConnect.of(Protocol.V5, "after-restart"));
                pub.send(RawPackets.publish(Protocol.V5, "line/1/state", 1, 1, "running"));
                pub.readType(RawPackets.PUBACK); // stored for both offline sessions before this ack
            }
            try (PahoV3Client v3 = new PahoV3Client(Protocol.V311, uri(broker.port()), "kept-v3");
                    PahoV5Client v5 = new PahoV5Client(uri(broker.port()), "kept-v5")) {
                assertThat(v3.connect(ClientOptions.persistent())).isTrue(); // [MQTT-3.2.2-2] session present 1
                assertThat(v5.connect(ClientOptions.persistent().withSessionExpiry(3600)))
                        .isTrue(); // [MQTT-3.2.2-2]
                await().atMost(WAIT)
                        .until(() -> !v3.messages().isEmpty() && !v5.messages().isEmpty());
                assertThat(v3.messages())
                        .extracting(Received::topic, Received::text)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("line/1/state", "running"));
                assertThat(v5.messages())
                        .extracting(Received::topic, Received::text)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("line/1/state", "running"));
            }
        }
    }

    @Test
    void aPersistentSessionAcknowledgedRightBeforeAKillIsPresentAfterTheRestart() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        try (BrokerProcess broker = BrokerProcess.start(data, 0, Fsync.NEVER);
                RawClient v3 = RawClient.open(broker.port());
                RawClient v5 = RawClient.open(broker.port())) {
            port = broker.port();
            assertThat(v3.connect(RawConnect.of(Protocol.V311, "new-v3").cleanStart(false))
                            .sessionPresent())
                    .isFalse();
            assertThat(v5.connect(persistent("new-v5")).sessionPresent()).isFalse();
            broker.kill(); // right after CONNACK, with no later write to carry the session records along
        }
        try (BrokerProcess broker = BrokerProcess.start(data, port, Fsync.NEVER);
                RawClient v3 = RawClient.open(broker.port());
                RawClient v5 = RawClient.open(broker.port())) {
            assertThat(v3.connect(RawConnect.of(Protocol.V311, "new-v3").cleanStart(false))
                            .sessionPresent())
                    .isTrue();
            assertThat(v5.connect(persistent("new-v5")).sessionPresent()).isTrue();
        }
    }

    private static void publishNumbered(Mqtt5AsyncClient pub, Set<Integer> acked, AtomicBoolean stop) {
        Semaphore window = new Semaphore(32);
        AtomicBoolean failed = new AtomicBoolean();
        for (int n = 0; n < 100_000 && !stop.get() && !failed.get(); n++) {
            try {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    n--;
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int number = n;
            pub.publishWith()
                    .topic("seq/numbers")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Integer.toString(n).getBytes(StandardCharsets.US_ASCII))
                    .send()
                    .whenComplete((result, error) -> {
                        if (error == null && result.getError().isEmpty()) acked.add(number);
                        else failed.set(true);
                        window.release();
                    });
        }
    }

    private static Map<Integer, List<Received>> numbers(List<Received> messages) {
        Map<Integer, List<Received>> byNumber = new HashMap<>();
        for (Received r : messages)
            byNumber.computeIfAbsent(Integer.parseInt(r.text()), k -> new ArrayList<>())
                    .add(r);
        return byNumber;
    }

    private static RawConnect persistent(String clientId) {
        return RawConnect.of(Protocol.V5, clientId)
                .cleanStart(false)
                .props(Props.of().u32(Props.SESSION_EXPIRY, 3600));
    }

    private static String uri(int port) {
        return "tcp://127.0.0.1:" + port;
    }
}

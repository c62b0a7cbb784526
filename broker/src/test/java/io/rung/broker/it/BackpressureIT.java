package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.rung.broker.BrokerStats;
import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backpressure (DESIGN "Broker behaviour"): a stuck subscriber holds back QoS 1 publishers with bounded memory and
 * loses nothing acknowledged; QoS 0 traffic is dropped for it, never held, and holds back no one else; a QoS 0
 * publisher whose messages reach no one is paused.
 */
class BackpressureIT {
    private static final int MESSAGES = 10_000;
    private static final int PAYLOAD = 4096;
    private static final long HEAP_BOUND = 64L * 1024 * 1024;
    /** 24 MB of QoS 0: far more than a stuck subscriber's socket buffers (up to 4 MB) and queue (1 MiB) hold. */
    private static final int FLOOD = 3000;

    private static final int FLOOD_PAYLOAD = 8192;
    private static final int PACED = 100;

    /** A stuck subscriber is disconnected only after 5 min here, so it stays stuck for every test on a slow machine. */
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults()
            .limits(l -> l.withMaxQueuedMessages(500))
            .options(o -> o.withStallTimeout(Duration.ofMinutes(5)));

    private static byte[] payload(int seq) {
        return ByteBuffer.allocate(PAYLOAD).putInt(seq).array();
    }

    private static RawClient stuckSubscriber(String clientId, String topic, int qos) {
        RawClient raw = broker.track(RawClient.openWithSmallBuffer(broker.port(), 8192));
        assertThat(raw.connect(RawConnect.of(Protocol.V311, clientId)).connAckCode())
                .isZero();
        raw.send(RawPackets.subscribe(Protocol.V311, 1, topic, qos));
        raw.readType(RawPackets.SUBACK);
        return raw;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** True once {@code counter} has not moved for {@code polls} consecutive checks. */
    private static boolean stalled(AtomicLong counter, long[] last, int[] same, int polls) {
        long now = counter.get();
        same[0] = now == last[0] ? same[0] + 1 : 0;
        last[0] = now;
        return same[0] >= polls;
    }

    @Test
    void slowSubscriberHoldsBackQos1PublisherAndLosesNothingAcknowledged() throws Exception {
        RawClient sub = stuckSubscriber("bp-slow", "bp/q1", 1);
        long heapBefore = usedHeapAfterGc();

        Mqtt3AsyncClient pub = broker.hiveMq3("bp-fast").toAsync();
        pub.connect().get(10, TimeUnit.SECONDS);
        Semaphore window = new Semaphore(256);
        AtomicLong acked = new AtomicLong();
        BitSet ackedSeqs = new BitSet(MESSAGES);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread publisher = new Thread(
                () -> {
                    for (int seq = 0; seq < MESSAGES && failure.get() == null; seq++) {
                        try {
                            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                if (Thread.currentThread().isInterrupted()) return;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        int s = seq;
                        pub.publishWith()
                                .topic("bp/q1")
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .payload(payload(seq))
                                .send()
                                .whenComplete((ok, error) -> {
                                    if (error != null) {
                                        failure.compareAndSet(null, error);
                                    } else {
                                        synchronized (ackedSeqs) {
                                            ackedSeqs.set(s);
                                        }
                                        acked.incrementAndGet();
                                    }
                                    window.release();
                                });
                    }
                },
                "bp-publisher");
        publisher.start();
        try {
            long[] last = {-1};
            int[] same = {0};
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> stalled(acked, last, same, 6));
            long heldAt = acked.get();
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertThat(heldAt)
                    .as("publisher held back while the subscriber reads nothing")
                    .isLessThan(MESSAGES / 2);
            assertThat(heapGrowth).as("heap growth while held back").isLessThan(HEAP_BOUND);

            BitSet received = new BitSet(MESSAGES);
            while (received.cardinality() < MESSAGES) {
                Packet.Publish p = sub.readType(RawPackets.PUBLISH).publish(Protocol.V311);
                received.set(ByteBuffer.wrap(p.payload()).getInt());
                sub.send(RawPackets.puback(p.packetId()));
            }
            publisher.join(10_000);
            assertThat(failure.get()).as("publish failures").isNull();
            assertThat(acked.get()).isEqualTo(MESSAGES);
            synchronized (ackedSeqs) {
                BitSet lost = (BitSet) ackedSeqs.clone();
                lost.andNot(received);
                assertThat(lost.cardinality())
                        .as("acknowledged but never delivered")
                        .isZero();
            }
        } finally {
            publisher.interrupt();
            publisher.join(5_000);
        }
    }

    /**
     * [design] QoS 0 for a congested subscriber is dropped and counted, never held: a subscriber that reads nothing
     * does not hold back the publisher, so another subscriber of the same topic keeps receiving. First a flood far
     * larger than what the stuck subscriber's socket buffers and queue can take (about 5 MB) makes it congested for
     * good (the fast one may drop some of the flood too, as QoS 0 allows on a slow machine); then, while the stuck one
     * still reads nothing, paced messages must all reach the fast one and the publisher is never paused.
     */
    @Test
    void qos0TrafficIsNotHeldBackByStuckSubscriber() throws Exception {
        BrokerStats stats = broker.broker().stats();
        RawClient stuck = stuckSubscriber("bp-stuck0", "bp/q0", 0);
        Mqtt3AsyncClient fast = broker.hiveMq3("bp-fast-sub").toAsync();
        fast.connect().get(10, TimeUnit.SECONDS);
        AtomicLong fastCount = new AtomicLong();
        Set<Integer> fastSeqs = ConcurrentHashMap.newKeySet();
        fast.subscribeWith()
                .topicFilter("bp/q0")
                .qos(MqttQos.AT_MOST_ONCE)
                .callback(p -> {
                    fastSeqs.add(ByteBuffer.wrap(p.getPayloadAsBytes()).getInt());
                    fastCount.incrementAndGet();
                })
                .send()
                .get(10, TimeUnit.SECONDS);
        Mqtt3AsyncClient pub = broker.hiveMq3("bp-q0-pub").toAsync();
        pub.connect().get(10, TimeUnit.SECONDS);

        long receivedBefore = stats.messagesReceived();
        long droppedBefore = stats.messagesDropped();
        for (int seq = 0; seq < FLOOD; seq++) publishQos0(pub, "bp/q0", seq, FLOOD_PAYLOAD);
        await().atMost(Duration.ofSeconds(60)).until(() -> stats.messagesReceived() - receivedBefore >= FLOOD);
        await().atMost(Duration.ofSeconds(10)).until(() -> stats.messagesDropped() > droppedBefore);
        long[] last = {-1};
        int[] same = {0};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stalled(fastCount, last, same, 4)); // the fast subscriber has caught up
        assertThat(fastCount.get()).as("flood messages the fast subscriber got").isPositive();

        long pausesBefore = stats.publisherPauses();
        for (int i = 0; i < PACED; i++) {
            int seq = FLOOD + i;
            publishQos0(pub, "bp/q0", seq, 64);
            await().atMost(Duration.ofSeconds(10)).until(() -> fastSeqs.contains(seq));
        }
        assertThat(stats.publisherPauses() - pausesBefore)
                .as("pauses caused by the stuck subscriber")
                .isZero();

        // the stuck subscriber is still connected and served once it reads again (most of its messages were dropped)
        stuck.send(RawPackets.pingreq());
        int got = 0;
        for (Packet p = stuck.read(); !p.is(RawPackets.PINGRESP); p = stuck.read()) got++;
        assertThat(got).isBetween(1, FLOOD + PACED - 1);
    }

    /**
     * A QoS 0 publisher whose messages reach no one, because their only subscriber is congested, stops being read
     * (instead of being read and dropped at full speed) and is read again later: its messages keep arriving.
     */
    @Test
    void qos0PublisherIsPausedWhileItsOnlySubscriberIsCongested() throws Exception {
        BrokerStats stats = broker.broker().stats();
        RawClient stuck = stuckSubscriber("bp-stuck-fanin", "bp/fanin/+", 0);
        Mqtt3AsyncClient pub = broker.hiveMq3("bp-fanin-pub").toAsync();
        pub.connect().get(10, TimeUnit.SECONDS);
        long pausesBefore = stats.publisherPauses();
        long receivedBefore = stats.messagesReceived();
        long droppedBefore = stats.messagesDropped();
        for (int seq = 0; seq < FLOOD; seq++) publishQos0(pub, "bp/fanin/1", seq, FLOOD_PAYLOAD);
        await().atMost(Duration.ofSeconds(30)).until(() -> stats.publisherPauses() > pausesBefore);

        stuck.send(RawPackets.pingreq()); // read again: the subscriber drains and the publisher resumes
        int got = 0;
        for (Packet p = stuck.read(); !p.is(RawPackets.PINGRESP); p = stuck.read()) got++;
        await().atMost(Duration.ofSeconds(60)).until(() -> stats.messagesReceived() - receivedBefore >= FLOOD);
        assertThat(got).as("messages the subscriber got").isPositive();
        assertThat(stats.messagesDropped())
                .as("QoS 0 dropped while congested, never held")
                .isGreaterThan(droppedBefore);
    }

    private static void publishQos0(Mqtt3AsyncClient pub, String topic, int seq, int size) {
        pub.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_MOST_ONCE)
                .payload(ByteBuffer.allocate(size).putInt(seq).array())
                .send();
    }
}

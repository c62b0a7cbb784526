package io.rung.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    /** A fake connection that records what was written. */
    private static final class FakeChannel implements ClientChannel {
        final List<String> written = new ArrayList<>();
        boolean writable = true;
        int window = 2;
        long maxSize = Long.MAX_VALUE;

        @Override
        public EventExecutor executor() {
            return ImmediateEventExecutor.INSTANCE;
        }

        @Override
        public int sendWindow() {
            return window;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public boolean writePublish(Delivery d, int packetId, boolean dup) {
            if (d.publication().message().payload().length > maxSize) return false;
            written.add(d.publication().topic() + (packetId > 0 ? "#" + packetId : "") + (dup ? " dup" : ""));
            return true;
        }

        @Override
        public void writePubRel(int packetId) {
            written.add("pubrel#" + packetId);
        }

        @Override
        public void disconnect(int reasonCode, String reason) {}

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void connected(Session session, boolean sessionPresent) {}

        @Override
        public void refuse(int v5Reason, int v3ReturnCode, String reason) {}

        @Override
        public String remote() {
            return "test";
        }
    }

    private static final class Recorder implements OutboundQueue.Events {
        final List<String> dropped = new ArrayList<>();

        @Override
        public void sent(Delivery delivery, int packetId) {}

        @Override
        public void dropped(Delivery delivery) {
            dropped.add(delivery.publication().topic());
        }
    }

    private static Delivery d(String topic, int qos) {
        return d(topic, qos, 0);
    }

    private static Delivery d(String topic, int qos, int size) {
        Message m = Message.of(topic, new byte[size], qos, false, new Origin("p", Optional.empty()));
        return new Delivery(new Publication(1, m), qos, false, Delivery.NO_IDS);
    }

    @Test
    void drainStopsAtTheInflightWindowButQos0PassesWhenItsTurnComes() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 100);
        FakeChannel ch = new FakeChannel();
        q.offerOnline(d("a", 1));
        q.offerOnline(d("b", 0));
        q.offerOnline(d("c", 1));
        q.offerOnline(d("d", 1));
        q.offerOnline(d("e", 0));
        assertThat(q.drain(ch, new Recorder())).isEqualTo(3);
        assertThat(ch.written).containsExactly("a#1", "b", "c#2");
        assertThat(q.queued()).isEqualTo(2);
        q.inflight().complete(1, false);
        q.drain(ch, new Recorder());
        assertThat(ch.written).containsExactly("a#1", "b", "c#2", "d#3", "e");
    }

    @Test
    void unwritableSocketKeepsMessagesQueued() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 100);
        FakeChannel ch = new FakeChannel();
        ch.writable = false;
        q.offerOnline(d("a", 0));
        assertThat(q.drain(ch, new Recorder())).isZero();
        assertThat(q.queued()).isEqualTo(1);
    }

    @Test
    void congestionStartsAtHighWaterAndEndsAtLowWaterAndDropsOnlyQos0Meanwhile() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(3, 1), 100);
        FakeChannel ch = new FakeChannel();
        ch.writable = false;
        for (int i = 0; i < 3; i++) q.offerOnline(d("q1-" + i, 1));
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.STARTED);
        assertThat(q.offerOnline(d("q0", 0))).isFalse();
        assertThat(q.offerOnline(d("q1-late", 1))).isTrue(); // acknowledged QoS 1 is never dropped while connected
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.NONE);
        ch.writable = true;
        ch.window = 100;
        q.drain(ch, new Recorder());
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.ENDED);
        assertThat(ch.written).hasSize(4);
    }

    @Test
    void congestionStartsAtTheByteMarkForLargeMessagesAndEndsWhenBothMarksAreReached() {
        OutboundQueue q = new OutboundQueue(new WaterMarks(1_000, 250, 3_000, 1_000), 100);
        FakeChannel ch = new FakeChannel();
        ch.writable = false;
        q.offerOnline(d("a", 1, 1_499));
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.NONE);
        q.offerOnline(d("b", 1, 1_499));
        assertThat(q.queuedBytes()).isEqualTo(3_000); // payload plus topic
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.STARTED);
        ch.writable = true;
        ch.window = 1;
        q.drain(ch, new Recorder());
        assertThat(q.queuedBytes()).isEqualTo(1_500);
        assertThat(q.updateCongestion()).as("1500 bytes are above the low mark").isEqualTo(OutboundQueue.Change.NONE);
        q.inflight().complete(1, false);
        q.drain(ch, new Recorder());
        assertThat(q.queuedBytes()).isZero();
        assertThat(q.updateCongestion()).isEqualTo(OutboundQueue.Change.ENDED);
    }

    @Test
    void offlineQueueHoldsOnlyQos1And2AndDropsTheOldest() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 2);
        assertThat(q.offerOffline(d("zero", 0))).isNotNull();
        assertThat(q.offerOffline(d("m1", 1))).isNull();
        assertThat(q.offerOffline(d("m2", 2))).isNull();
        Delivery dropped = q.offerOffline(d("m3", 1));
        assertThat(dropped).isNotNull();
        assertThat(dropped.publication().topic()).isEqualTo("m1");
        assertThat(q.queued()).isEqualTo(2);
    }

    @Test
    void goingOfflineDiscardsQos0AndTrimsToTheLimit() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 2);
        q.offerOnline(d("a", 1));
        q.offerOnline(d("b", 0));
        q.offerOnline(d("c", 1));
        q.offerOnline(d("d", 2));
        List<Delivery> dropped = q.goOffline();
        assertThat(dropped).extracting(x -> x.publication().topic()).containsExactly("b", "a");
        assertThat(q.queued()).isEqualTo(2);
    }

    @Test
    void resendSetsDupAndSendsPubRelForReleasedMessages() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 100);
        FakeChannel ch = new FakeChannel();
        q.offerOnline(d("a", 1));
        q.offerOnline(d("b", 2));
        q.drain(ch, new Recorder());
        q.inflight().release(2);
        ch.written.clear();
        q.resend(ch, new Recorder());
        // [MQTT-4.4.0-1] unacknowledged PUBLISH resent with DUP; PUBREL resent where PUBREC arrived
        assertThat(ch.written).containsExactly("a#1 dup", "pubrel#2");
    }

    @Test
    void messagesTooLargeForTheClientAreDroppedAndFreeTheirWindowSlot() {
        OutboundQueue q = new OutboundQueue(WaterMarks.messages(10, 2), 100);
        FakeChannel ch = new FakeChannel();
        ch.maxSize = 10;
        Recorder r = new Recorder();
        q.offerOnline(d("big", 1, 100));
        q.offerOnline(d("small", 1, 1));
        q.drain(ch, r);
        assertThat(r.dropped).containsExactly("big");
        assertThat(ch.written).containsExactly("small#2");
        assertThat(q.inflight().size()).isEqualTo(1);
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.config.BridgeConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The out path on its own: heartbeats skipped while the link is down, and the queue synced per group commit as
 * {@code broker.persistence.fsync} says. The bridge's thread is a task list the test runs by hand.
 */
class ForwarderTest {
    private static final BridgeConfig.Rule RULE = new BridgeConfig.Rule("building-b/#", "site-1/", 1);

    @TempDir
    Path tmp;

    private final List<Runnable> thread = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private final Counters counters = new Counters();
    private ForwardQueue queue;
    private Forwarder forwarder;

    private void open(Fsync fsync) {
        queue = ForwardQueue.open(
                tmp.resolve("bridges").resolve("cloud.mv"), BridgeConfig.BufferConfig.defaults(), fsync);
        forwarder = new Forwarder(
                "cloud",
                BridgeConfig.BufferConfig.defaults(),
                2,
                queue,
                counters,
                null,
                new TopicRemap(List.of()),
                fsync,
                thread::add,
                delayed::add);
    }

    @AfterEach
    void close() {
        if (forwarder != null) forwarder.close();
    }

    private static Message value(String text) {
        return Message.of("building-b/line-1/speed", text.getBytes(StandardCharsets.UTF_8), 1, true, Origin.broker());
    }

    private void runThread() {
        while (!thread.isEmpty()) thread.remove(0).run();
    }

    /** Runs the delayed tasks (and what they queue) until none is left. */
    private void runDelayed() {
        while (!delayed.isEmpty()) {
            delayed.remove(0).run();
            runThread();
        }
    }

    @Test
    void heartbeatIsSkippedAndCountedWhileTheLinkIsDown() {
        open(Fsync.NEVER);
        forwarder.offer(RULE, value("1"), false);
        forwarder.offer(RULE, value("1"), true);
        forwarder.offer(RULE, value("1"), true);
        forwarder.offer(RULE, value("2"), false);
        runThread();

        assertThat(queue.count()).isEqualTo(2);
        assertThat(counters.skippedHeartbeats.get()).isEqualTo(2);
    }

    @Test
    void heartbeatIsForwardedWhileTheLinkIsUp() {
        open(Fsync.NEVER);
        EmbeddedChannel channel = new EmbeddedChannel();
        Link link = new Link(channel, true);
        link.ready = true;
        forwarder.linkUp(link);

        forwarder.offer(RULE, value("7"), true);

        MqttPublishMessage sent = channel.readOutbound();
        try {
            assertThat(sent.variableHeader().topicName()).isEqualTo("site-1/building-b/line-1/speed");
            assertThat(sent.payload().toString(StandardCharsets.UTF_8)).isEqualTo("7");
        } finally {
            sent.release();
            channel.finishAndReleaseAll();
        }
        assertThat(counters.skippedHeartbeats.get()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"ALWAYS, 1", "BATCH, 1", "NEVER, 0"})
    void aBurstOfDurableMessagesIsSyncedOnceBeforeAnyIsAcknowledged(Fsync fsync, long expectedSyncs) {
        open(fsync);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        List<Long> syncsWhenAcknowledged = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            f.thenRun(() -> syncsWhenAcknowledged.add(queue.syncs()));
            forwarder.offerDurable(RULE, value(String.valueOf(i)), f);
            written.add(f);
        }
        assertThat(written).noneMatch(CompletableFuture::isDone); // nothing acknowledged before the group commit

        runThread();

        assertThat(written).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(queue.syncs()).isEqualTo(expectedSyncs);
        assertThat(syncsWhenAcknowledged).hasSize(50).containsOnly(expectedSyncs);
        assertThat(delayed).isEmpty();
    }

    @Test
    void batchCommitsAndSyncsWhatNoPublisherWaitsForALittleLater() {
        open(Fsync.BATCH);
        forwarder.offer(RULE, value("1"), false); // link down: on disk, committed and synced a little later
        runThread();
        assertThat(queue.unsynced()).isFalse();
        assertThat(delayed).hasSize(1);

        delayed.remove(0).run(); // the commit, which asks for a sync a little later
        runThread();
        assertThat(queue.syncs()).isZero();
        assertThat(queue.unsynced()).isTrue();
        assertThat(delayed).hasSize(1);

        delayed.remove(0).run();
        assertThat(queue.syncs()).isEqualTo(1);
        assertThat(queue.unsynced()).isFalse();
    }

    @Test
    void alwaysSyncsEveryCommit() {
        open(Fsync.ALWAYS);
        forwarder.offer(RULE, value("1"), false);
        runThread();
        runDelayed();
        forwarder.offer(RULE, value("2"), false);
        runThread();
        runDelayed();

        assertThat(queue.syncs()).isEqualTo(2);
        assertThat(delayed).isEmpty();
    }

    private static Message qos0(int n) {
        return Message.of(
                "building-b/line-1/count",
                String.valueOf(n).getBytes(StandardCharsets.UTF_8),
                0,
                false,
                Origin.broker());
    }

    @Test
    void acknowledgementsAreCommittedTogetherAtMostAMomentLaterNotOnePerAck() {
        open(Fsync.ALWAYS); // every commit syncs: syncs() counts commits
        EmbeddedChannel channel = new EmbeddedChannel();
        Link link = new Link(channel, true);
        link.ready = true;
        forwarder.linkUp(link);
        for (int i = 1; i <= 20; i++) forwarder.offerDurable(RULE, value(String.valueOf(i)), new CompletableFuture<>());
        runThread();
        assertThat(queue.syncs()).isEqualTo(1);
        channel.releaseOutbound();

        for (int id = 1; id <= 20; id++) {
            forwarder.acknowledged(link, MqttMessageType.PUBACK, id, 0);
            runThread(); // PUBACKs that arrive one by one
        }

        assertThat(queue.count()).isZero();
        assertThat(counters.sent.get()).isEqualTo(20);
        assertThat(queue.syncs()).isEqualTo(1);
        assertThat(delayed).hasSize(1);
        delayed.remove(0).run();
        assertThat(queue.syncs()).isEqualTo(2);
        channel.finishAndReleaseAll();
    }

    @Test
    void aBatchFromTheHandoffIsWrittenWithOneFlushAndLeavesTheQueueTogether() {
        open(Fsync.NEVER);
        AtomicInteger flushes = new AtomicInteger();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        Link link = new Link(channel, true);
        link.ready = true;
        forwarder.linkUp(link);
        BridgeConfig.Rule rule0 = new BridgeConfig.Rule("building-b/#", "site-1/", 0);
        List<Handoff.Item> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) batch.add(Forwarder.item(rule0, qos0(i), false, null));

        forwarder.accept(batch, 0);

        assertThat(flushes.get()).isEqualTo(1);
        assertThat(channel.outboundMessages()).hasSize(100);
        assertThat(thread).hasSize(1); // one task removes all of them once the last write completed
        runThread();
        assertThat(queue.count()).isZero();
        assertThat(counters.sent.get()).isEqualTo(100);
        channel.finishAndReleaseAll();
    }
}

package io.rung.broker.bridge;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.config.BridgeConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code out} path of a bridge: local messages into the {@link ForwardQueue}, from there to the remote in queue
 * order within the in-flight window, and out of the queue when the remote acknowledged them. Durable messages (QoS
 * ≥ 1 from network clients) are committed to disk in groups before their futures complete, and synced too unless
 * {@code broker.persistence.fsync} is {@code never}; the others stay in memory while the link is up. Heartbeats are
 * skipped while the link is down. When to commit and sync is {@link QueueCommits}'s: removals in groups, at most
 * {@link QueueCommits#REMOVAL_COMMIT_MILLIS} late. Runs on the bridge's thread.
 */
final class Forwarder {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final long OVERFLOW_LOG_NANOS = 60_000_000_000L;
    private static final int DROPPED = 0;
    private static final int SENT = 1;
    private static final int SENT_QOS0 = 2;

    private final String name;
    private final BridgeConfig.BufferConfig limits;
    private final int maxQos;
    private final ForwardQueue queue;
    private final Counters counters;
    private final @Nullable LoopGuard guard;
    private final TopicRemap remap;
    private final Consumer<Runnable> thread;
    private final QueueCommits commits;
    private final OncePerKey refused = new OncePerKey(1000);
    private @Nullable Link link;
    private long cursor;
    private boolean pumpScheduled;
    private @Nullable ChannelFuture lastWrite;
    private long overflowSinceLog;
    private long lastOverflowLog;

    /**
     * @param maxQos 2, or 1 for a persistent remote session ({@code cleanStart: false}): after a restart the remote
     *               may still wait for PUBREL on packet ids the bridge no longer knows, and would take a new QoS 2
     *               message with such an id for a duplicate; QoS 1 has no such trap
     * @param thread runs a task on the bridge's thread after those already queued
     * @param later runs a task on the bridge's thread {@link QueueCommits#BATCH_SYNC_MILLIS}
     *              from now
     */
    Forwarder(
            String name,
            BridgeConfig.BufferConfig limits,
            int maxQos,
            ForwardQueue queue,
            Counters counters,
            @Nullable LoopGuard guard,
            TopicRemap remap,
            Fsync fsync,
            Consumer<Runnable> thread,
            Consumer<Runnable> later) {
        this.name = name;
        this.limits = limits;
        this.maxQos = maxQos;
        this.queue = queue;
        this.counters = counters;
        this.guard = guard;
        this.remap = remap;
        this.thread = thread;
        this.commits = new QueueCommits(name, queue, fsync, thread, later);
        updateCounts();
    }

    /**
     * The hand-off item for a local message matched by {@code rule}: topic rewritten, QoS raised to the rule's, the
     * message expiry turned into a deadline. Any thread.
     */
    static Handoff.Item item(
            BridgeConfig.Rule rule, Message m, boolean repeat, @Nullable CompletableFuture<Void> written) {
        MessageProperties p = m.properties();
        long expiresAt = 0;
        if (p.messageExpirySeconds().isPresent()) {
            long ageMillis = (System.nanoTime() - p.receivedNanos()) / 1_000_000L;
            expiresAt = System.currentTimeMillis()
                    - ageMillis
                    + p.messageExpirySeconds().getAsLong() * 1000L;
        }
        Message remote = new Message(
                TopicRemap.out(rule, m.topic()), m.payload(), Math.max(rule.qos(), m.qos()), m.retain(), p, m.origin());
        return Handoff.Item.of(remote, expiresAt, repeat, written);
    }

    /**
     * Queues a batch from the hand-off, then sends: a durable message (with {@code written}) on disk, its future
     * completed after the group commit; the others in memory while the link is up, on disk at once while it is down.
     * A {@code repeat} (heartbeat) is skipped and counted while the link is down: the remote gets the next change or
     * heartbeat. {@code dropped}: messages the hand-off already dropped and counted, for the overflow log.
     */
    void accept(List<Handoff.Item> items, long dropped) {
        if (dropped > 0) overflowLog(dropped);
        boolean down = link == null;
        for (Handoff.Item i : items) {
            if (i.written() != null) {
                add(i, true);
                commits.awaitCommit(i.written());
            } else if (down && i.repeat()) {
                counters.skippedHeartbeats.incrementAndGet();
            } else {
                add(i, down);
                if (down) commits.queuedOnDisk();
            }
        }
        updateCounts();
        pump();
    }

    /** One local message, as {@link #accept}. */
    void offer(BridgeConfig.Rule rule, Message m, boolean repeat) {
        accept(List.of(item(rule, m, repeat, null)), 0);
    }

    /** One durable local message, as {@link #accept}; {@code written} completes once it is committed. */
    void offerDurable(BridgeConfig.Rule rule, Message m, CompletableFuture<Void> written) {
        accept(List.of(item(rule, m, false, written)), 0);
    }

    private void add(Handoff.Item i, boolean toDisk) {
        int dropped = queue.add(i.remote(), i.expiresAtEpochMillis(), toDisk);
        if (dropped > 0) {
            counters.dropped.addAndGet(dropped);
            overflowLog(dropped);
        }
    }

    void linkUp(Link l) {
        link = l;
        cursor = queue.firstSeq(); // whatever was not acknowledged goes first, in order
        pump();
    }

    void linkDown() {
        link = null;
        queue.spill();
        commits.request();
    }

    /**
     * Sends queued messages while the window and the socket have room, and flushes once at the end. The QoS 0
     * messages of one round leave the queue together once the last of their writes completed (writes complete in
     * order).
     */
    void pump() {
        pumpScheduled = false;
        Link l = link;
        if (l == null || !l.ready) return;
        boolean wrote = false;
        List<Long> qos0 = null;
        ChannelFuture lastQos0 = null;
        while (l.hasWindow() && l.channel.isWritable()) {
            QueuedMessage q = queue.next(cursor);
            if (q == null) break;
            cursor = q.seq() + 1;
            int sent = send(l, q);
            if (sent == DROPPED) continue;
            wrote = true;
            if (sent == SENT_QOS0) {
                if (qos0 == null) qos0 = new ArrayList<>();
                qos0.add(q.seq());
                lastQos0 = lastWrite;
            }
        }
        if (lastQos0 != null) {
            List<Long> seqs = qos0;
            lastQos0.addListener(f -> {
                if (f.isSuccess()) thread.accept(() -> sentQos0(seqs));
            });
        }
        if (wrote) l.channel.flush();
        updateCounts();
    }

    /** A {@link #pump()} after whatever is already waiting on the bridge's thread (acks arrive in bursts). */
    private void requestPump() {
        if (pumpScheduled) return;
        pumpScheduled = true;
        thread.accept(this::pump);
    }

    /** Writes one message ({@link #lastWrite}); {@link #DROPPED} if it was dropped instead. */
    private int send(Link l, QueuedMessage q) {
        Message m = q.message();
        long now = System.currentTimeMillis();
        if (q.expired(now)) {
            drop(q.seq(), m.topic(), "its message expiry passed while it was queued");
            return DROPPED;
        }
        long expiry = q.expiresAtEpochMillis() == 0 ? 0 : q.remainingSeconds(now);
        MqttProperties props = l.v5 ? RemoteProperties.toRemote(m.properties(), expiry) : MqttProperties.NO_PROPERTIES;
        long size = 5
                + 2
                + 2
                + m.topic().getBytes(StandardCharsets.UTF_8).length
                + (long) m.payload().length
                + (l.v5 ? RemoteProperties.sizeBound(m.properties()) : 0);
        if (size > l.maxPacketSize) {
            drop(
                    q.seq(),
                    m.topic(),
                    "it is larger than the remote's maximum packet size (" + l.maxPacketSize + " bytes)");
            return DROPPED;
        }
        int qos = Math.min(m.qos(), Math.min(maxQos, l.maxQos));
        boolean retain = m.retain() && l.retainAvailable;
        lastWrite = l.publish(q.seq(), m.topic(), m.payload(), qos, retain, props);
        if (guard != null && remap.comesBack(m.topic())) guard.forwarded(m.topic(), m.payload());
        return qos == 0 ? SENT_QOS0 : SENT;
    }

    private void sentQos0(List<Long> seqs) {
        for (long seq : seqs) {
            if (queue.remove(seq)) counters.sent.incrementAndGet();
        }
        commits.changed(seqs.size());
        updateCounts();
    }

    /**
     * PUBACK, PUBREC or PUBCOMP for a queued message: it leaves the queue when done, or when the remote refused it
     * (reason ≥ 0x80). Returns the in-flight entry, or null for an unknown packet identifier.
     */
    Link.@Nullable Outgoing acknowledged(Link l, MqttMessageType type, int packetId, int reason) {
        Link.Outgoing o =
                type == MqttMessageType.PUBREC && reason < 0x80 ? l.received(packetId) : l.acknowledged(packetId);
        if (o == null || o.seq == Link.STATUS) return o;
        if (reason >= 0x80) {
            drop(o.seq, o.topic, "the remote refused it: " + Reasons.code(reason));
        } else if (type != MqttMessageType.PUBREC) {
            if (queue.remove(o.seq)) counters.sent.incrementAndGet();
            commits.changed(1);
        }
        requestPump();
        return o;
    }

    private void drop(long seq, String topic, String why) {
        queue.remove(seq);
        counters.dropped.incrementAndGet();
        commits.changed(1);
        if (refused.first(topic)) LOG.warn("Bridge {} dropped a message for '{}': {}.", name, topic, why);
    }

    /** Logs dropped oldest messages (already counted) once a minute at most. */
    private void overflowLog(long dropped) {
        overflowSinceLog += dropped;
        long now = System.nanoTime();
        if (lastOverflowLog == 0 || now - lastOverflowLog >= OVERFLOW_LOG_NANOS) {
            LOG.warn(
                    "Bridge {} queue is full ({} messages, {}): dropped the {} oldest; {} dropped in total.",
                    name,
                    limits.maxMessages(),
                    limits.maxBytes(),
                    overflowSinceLog,
                    counters.dropped.get());
            lastOverflowLog = now == 0 ? 1 : now;
            overflowSinceLog = 0;
        }
    }

    /** True when nothing is queued or in flight. */
    boolean drained() {
        return queue.count() == 0 && (link == null || link.idle());
    }

    private void updateCounts() {
        counters.queued = queue.count();
        counters.queuedBytes = queue.bytes();
    }

    /** Spills what is left in memory to disk and closes the queue file. */
    void close() {
        commits.close();
        updateCounts();
    }
}

package io.rung.broker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Live counters of the broker, read by {@code $SYS/broker/...} and {@code /metrics}. Thread-safe. */
public final class BrokerStats {
    private final long startNanos = System.nanoTime();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();
    private final LongAdder publisherPauses = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final AtomicInteger clientsConnected = new AtomicInteger();
    private final AtomicInteger clientsMaximum = new AtomicInteger();
    private final IntSupplier sessions;
    private final IntSupplier retained;
    private final IntSupplier subscriptions;
    private final Supplier<QueueDepths> queues;

    /**
     * The outbound queues of every session (connected or persistent offline) at one moment.
     *
     * @param queued messages waiting to be sent, over all sessions
     * @param deepest the most messages waiting for any single session
     * @param sessions the sessions counted
     */
    public record QueueDepths(long queued, int deepest, int sessions) {
        /** No session, nothing queued. */
        public static final QueueDepths NONE = new QueueDepths(0, 0, 0);
    }

    /** Built by the broker; the suppliers count live structures. */
    public BrokerStats(
            IntSupplier sessions, IntSupplier retained, IntSupplier subscriptions, Supplier<QueueDepths> queues) {
        this.sessions = sessions;
        this.retained = retained;
        this.subscriptions = subscriptions;
        this.queues = queues;
    }

    /** Without queue depths (they read as zero), for parts tested without sessions. */
    public BrokerStats(IntSupplier sessions, IntSupplier retained, IntSupplier subscriptions) {
        this(sessions, retained, subscriptions, () -> QueueDepths.NONE);
    }

    /** The outbound queues now: total and deepest; counted at each call. */
    public QueueDepths queueDepths() {
        return queues.get();
    }

    public long uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    /** PUBLISH packets received from clients, in-process ones included. */
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    /** PUBLISH packets sent to subscribers. */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Messages dropped: full or offline queues, expired, too large for a client, QoS 0 under backpressure. */
    public long messagesDropped() {
        return messagesDropped.sum();
    }

    /** How often reading from a publisher was paused because its subscribers were congested (backpressure). */
    public long publisherPauses() {
        return publisherPauses.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public int clientsConnected() {
        return clientsConnected.get();
    }

    /** Connected clients plus disconnected persistent sessions. */
    public int clientsTotal() {
        return sessions.getAsInt();
    }

    /** The most clients connected at once since start. */
    public int clientsMaximum() {
        return clientsMaximum.get();
    }

    public int retainedMessages() {
        return retained.getAsInt();
    }

    public int subscriptions() {
        return subscriptions.getAsInt();
    }

    public void received() {
        messagesReceived.increment();
    }

    public void sent() {
        messagesSent.increment();
    }

    public void dropped() {
        messagesDropped.increment();
    }

    public void dropped(int n) {
        messagesDropped.add(n);
    }

    public void publisherPaused() {
        publisherPauses.increment();
    }

    public void bytesIn(long n) {
        bytesReceived.add(n);
    }

    public void bytesOut(long n) {
        bytesSent.add(n);
    }

    public void connected() {
        int now = clientsConnected.incrementAndGet();
        clientsMaximum.accumulateAndGet(now, Math::max);
    }

    public void disconnected() {
        clientsConnected.decrementAndGet();
    }
}

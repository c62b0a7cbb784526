package io.rung.broker.session;

import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.PausablePublisher;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of a session's backpressure that publishers' threads see: whether its queue is congested or stalled, how
 * many deliveries are still on their way to its event loop, and which paused publishers wait for it. The flags
 * change on the session's loop; {@link #handedOver}, the queries and the {@code waitFor...} calls come from any
 * thread. A waiting publisher is resumed at least once after the reason it waits for is gone (spurious resumes are
 * harmless: a publisher that is still blocked pauses again).
 */
final class Congestion {
    /** {@link #inTransit} packs a count (high bits) and bytes (low bits) into one atomic. */
    private static final int COUNT_SHIFT = 40;

    private static final long BYTES_MASK = (1L << COUNT_SHIFT) - 1;

    private final WaterMarks marks;
    private final Set<PausablePublisher> waiters = ConcurrentHashMap.newKeySet();
    private final Set<PausablePublisher> qos0Waiters = ConcurrentHashMap.newKeySet();
    private final AtomicLong inTransit = new AtomicLong();
    private volatile boolean congested;
    private volatile boolean stalled;

    Congestion(WaterMarks marks) {
        this.marks = marks;
    }

    boolean congested() {
        return congested;
    }

    boolean stalled() {
        return stalled;
    }

    /** False while a QoS 0 delivery must be dropped: congested, or the deliveries in transit reach a high mark. */
    boolean acceptsQos0() {
        return !congested && !transitAbove(marks.highMessages(), marks.highBytes());
    }

    /** After {@link #acceptsQos0()} said no: true if a QoS 0 publisher may wait (the queue will drain). */
    boolean holdsQos0() {
        return (congested && !stalled) || transitAbove(marks.highMessages(), marks.highBytes());
    }

    /** A delivery leaves a publisher's thread for the session's loop; pass the result to {@link #arrived}. */
    long handedOver(Delivery d) {
        long weight = (1L << COUNT_SHIFT) + WaterMarks.size(d);
        inTransit.addAndGet(weight);
        return weight;
    }

    /** The delivery arrived on the loop: QoS 0 publishers waiting for the transit backlog resume below its low mark. */
    void arrived(long weight) {
        long t = inTransit.addAndGet(-weight);
        if (!qos0Waiters.isEmpty() && !(congested && !stalled) && transitAtMostLow(t)) resumeAll(qos0Waiters);
    }

    void waitForDrain(PausablePublisher p) {
        waiters.add(p);
        if (!congested && waiters.remove(p)) p.resume();
    }

    void waitForDrainOrStall(PausablePublisher p) {
        qos0Waiters.add(p);
        boolean holding = (congested && !stalled) || !transitAtMostLow(inTransit.get());
        if (!holding && qos0Waiters.remove(p)) p.resume();
    }

    /** On the loop: the congestion state changed; its end resumes every waiting publisher. */
    void congested(boolean value) {
        congested = value;
        if (!value) {
            stalled = false;
            resumeAll(waiters);
            resumeAll(qos0Waiters);
        }
    }

    /** On the loop: no progress for a while; QoS 0 publishers stop waiting for this session. */
    void stall() {
        if (stalled) return;
        stalled = true;
        resumeAll(qos0Waiters);
    }

    /** On the loop: a message was written or acknowledged. */
    void progressed() {
        if (stalled) stalled = false;
    }

    private boolean transitAbove(int messages, long bytes) {
        long t = inTransit.get();
        return (t >>> COUNT_SHIFT) >= messages || (t & BYTES_MASK) >= bytes;
    }

    private boolean transitAtMostLow(long t) {
        return (t >>> COUNT_SHIFT) <= marks.lowMessages() && (t & BYTES_MASK) <= marks.lowBytes();
    }

    private static void resumeAll(Set<PausablePublisher> publishers) {
        for (PausablePublisher p : publishers) {
            if (publishers.remove(p)) p.resume();
        }
    }
}

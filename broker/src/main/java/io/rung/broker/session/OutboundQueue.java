package io.rung.broker.session;

import io.rung.broker.routing.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages of one session that are not yet on the wire, and the inflight window. Connected, the queue is
 * unbounded for QoS 1/2 (publishers are paused above the high-water mark instead) and QoS 0 is dropped while
 * congested; offline, it holds QoS 1/2 only, up to {@code maxQueuedMessages}, dropping the oldest. Congestion
 * starts when either the number of queued messages or their bytes (payload plus topic) reaches its high-water mark,
 * and ends when both are back at their low-water marks. Not thread-safe: used on the session's event loop only.
 */
public final class OutboundQueue {
    /** What a drain did with each message. */
    public interface Events {
        void sent(Delivery delivery, int packetId);

        /** Too large for the client or expired; a QoS 1/2 message has already left the inflight window. */
        void dropped(Delivery delivery);
    }

    /** A change of the congestion state after a queue operation. */
    public enum Change {
        NONE,
        STARTED,
        ENDED
    }

    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Inflight inflight = new Inflight();
    private final WaterMarks marks;
    private final int maxOffline;
    private long bytes;
    private boolean congested;
    /** {@code queue.size()} for readers on other threads (metrics). */
    private volatile int depth;

    public OutboundQueue(WaterMarks marks, int maxOffline) {
        this.marks = marks;
        this.maxOffline = maxOffline;
    }

    public Inflight inflight() {
        return inflight;
    }

    public int queued() {
        return queue.size();
    }

    /** The number of queued messages as of the last change; safe to read from any thread. */
    public int depth() {
        return depth;
    }

    /** Payload plus topic bytes of the queued messages. */
    public long queuedBytes() {
        return bytes;
    }

    public boolean congested() {
        return congested;
    }

    /** Connected: queues the delivery; false (dropped) for QoS 0 while congested. */
    public boolean offerOnline(Delivery d) {
        if (d.qos() == 0 && congested) return false;
        add(d);
        return true;
    }

    /**
     * Offline: queues a QoS 1/2 delivery; returns the oldest delivery dropped to make room, or the delivery itself
     * when it cannot be queued at all (QoS 0, or a limit of 0); null when nothing was dropped.
     */
    public @Nullable Delivery offerOffline(Delivery d) {
        if (d.qos() == 0 || maxOffline <= 0) return d;
        add(d);
        return queue.size() > maxOffline ? poll() : null;
    }

    /** Writes queued messages while the socket is writable and the window has room; returns how many. */
    public int drain(ClientChannel ch, Events events) {
        int written = 0;
        while (!queue.isEmpty() && ch.writable()) {
            Delivery d = queue.peekFirst();
            if (d.qos() > 0) {
                if (inflight.size() >= ch.sendWindow()) break;
                poll();
                int id = inflight.add(d);
                if (!ch.writePublish(d, id, false)) {
                    inflight.remove(id);
                    events.dropped(d);
                    continue;
                }
                events.sent(d, id);
            } else {
                poll();
                if (!ch.writePublish(d, 0, false)) {
                    events.dropped(d);
                    continue;
                }
                events.sent(d, 0);
            }
            written++;
        }
        return written;
    }

    /** After a reconnect: resends every inflight message with DUP set, or PUBREL where PUBREC came [MQTT-4.4.0-1]. */
    public void resend(ClientChannel ch, Events events) {
        for (Inflight.Entry e : inflight.entries()) {
            if (e.released()) {
                ch.writePubRel(e.packetId());
            } else if (!ch.writePublish(e.delivery(), e.packetId(), true)) {
                inflight.remove(e.packetId());
                events.dropped(e.delivery());
            }
        }
    }

    /** Applies the water marks; call after every change of the queue. */
    public Change updateCongestion() {
        if (!congested && marks.above(queue.size(), bytes)) {
            congested = true;
            return Change.STARTED;
        }
        if (congested && marks.below(queue.size(), bytes)) {
            congested = false;
            return Change.ENDED;
        }
        return Change.NONE;
    }

    /**
     * The connection is gone: QoS 0 messages are discarded, the rest trimmed to the offline limit, oldest first.
     * Returns the dropped deliveries; {@link #congested()} is false afterwards.
     */
    public List<Delivery> goOffline() {
        List<Delivery> dropped = new ArrayList<>();
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.qos() == 0) {
                it.remove();
                bytes -= WaterMarks.size(d);
                dropped.add(d);
            }
        }
        while (queue.size() > Math.max(0, maxOffline)) dropped.add(poll());
        depth = queue.size();
        congested = false;
        return dropped;
    }

    /** Removes everything, queued and inflight; returns the queued and inflight deliveries. */
    public List<Delivery> clear() {
        List<Delivery> all = new ArrayList<>(queue);
        for (Inflight.Entry e : inflight.clear()) all.add(e.delivery());
        queue.clear();
        depth = 0;
        bytes = 0;
        congested = false;
        return all;
    }

    private void add(Delivery d) {
        queue.addLast(d);
        depth = queue.size();
        bytes += WaterMarks.size(d);
    }

    private Delivery poll() {
        Delivery d = queue.pollFirst();
        depth = queue.size();
        bytes -= WaterMarks.size(d);
        return d;
    }
}

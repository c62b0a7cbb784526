package io.rung.broker.handler;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Inbound QoS 1/2 PUBLISH and PUBREL packets whose store write is not yet confirmed. Acknowledgements (PUBACK,
 * PUBREC, PUBCOMP) go out in the order the packets arrived [MQTT-4.6.0-2], each only once its write is durable.
 */
final class PendingAcks {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** {@code qos} 1 is PUBACK, 2 is PUBREC, {@link #PUBCOMP} is PUBCOMP with {@code reason}. */
    private record Pending(int packetId, int qos, int reason, CompletableFuture<Void> stored) {}

    private static final int PUBCOMP = 3;

    private final MqttConnection c;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int qos1;

    PendingAcks(MqttConnection c) {
        this.c = c;
    }

    /** QoS 1 packets awaiting their PUBACK, for the Receive Maximum. */
    int qos1Count() {
        return qos1;
    }

    /** Acknowledges a PUBLISH now if nothing is ahead and the write is done, else when it is. */
    void add(int packetId, int qos, CompletableFuture<Void> stored) {
        enqueue(new Pending(packetId, qos, 0, stored));
    }

    /** Answers PUBREL with PUBCOMP once {@code stored} (the store forgetting the packet id) is done. */
    void addPubComp(int packetId, int reason, CompletableFuture<Void> stored) {
        enqueue(new Pending(packetId, PUBCOMP, reason, stored));
    }

    private void enqueue(Pending p) {
        if (queue.isEmpty() && p.stored().isDone()) {
            ack(p);
            return;
        }
        queue.addLast(p);
        if (p.qos() == 1) qos1++;
        p.stored().whenComplete((v, e) -> c.executor().execute(this::drain));
    }

    private void drain() {
        while (!queue.isEmpty() && queue.peekFirst().stored().isDone()) {
            Pending p = queue.pollFirst();
            if (p.qos() == 1) qos1--;
            ack(p);
        }
    }

    private void ack(Pending p) {
        if (c.state.state != MqttConnection.State.CONNECTED) return;
        if (p.stored().isCompletedExceptionally()) {
            // the message may be lost: tell the client instead of acknowledging (0x80 Unspecified error)
            Disconnector.close(c, 0x80, "the store could not save message " + p.packetId());
            return;
        }
        if (p.qos() == PUBCOMP) {
            if (c.events.packets()) c.events.sending(c.who(), "PUBCOMP (m" + p.packetId() + ", rc" + p.reason() + ")");
            c.writer().write(Packets.pubComp(p.packetId(), p.reason()));
        } else {
            PublishHandler.ack(c, p.packetId(), p.qos(), 0);
        }
    }
}

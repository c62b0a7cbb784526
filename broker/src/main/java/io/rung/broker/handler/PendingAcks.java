package io.rung.broker.handler;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Inbound QoS 1/2 PUBLISH packets whose store write is not yet confirmed. Acknowledgements go out in the order the
 * packets arrived [MQTT-4.6.0-2], each only once its write is durable.
 */
final class PendingAcks {
    private record Pending(int packetId, int qos, CompletableFuture<Void> stored) {}

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

    /** Acknowledges now if nothing is ahead and the write is done, else when it is. */
    void add(int packetId, int qos, CompletableFuture<Void> stored) {
        if (queue.isEmpty() && stored.isDone()) {
            ack(packetId, qos, stored);
            return;
        }
        queue.addLast(new Pending(packetId, qos, stored));
        if (qos == 1) qos1++;
        stored.whenComplete((v, e) -> c.executor().execute(this::drain));
    }

    private void drain() {
        while (!queue.isEmpty() && queue.peekFirst().stored().isDone()) {
            Pending p = queue.pollFirst();
            if (p.qos() == 1) qos1--;
            ack(p.packetId(), p.qos(), p.stored());
        }
    }

    private void ack(int packetId, int qos, CompletableFuture<Void> stored) {
        if (c.state.state != MqttConnection.State.CONNECTED) return;
        if (stored.isCompletedExceptionally()) {
            // the message may be lost: tell the client instead of acknowledging (0x80 Unspecified error)
            Disconnector.close(c, 0x80, "the store could not save message " + packetId);
            return;
        }
        PublishHandler.ack(c, packetId, qos, 0);
    }
}

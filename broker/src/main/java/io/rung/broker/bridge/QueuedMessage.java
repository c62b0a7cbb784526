package io.rung.broker.bridge;

import io.rung.broker.Message;
import java.nio.charset.StandardCharsets;

/**
 * A message waiting in a bridge's queue, already rewritten for the remote: remote topic and forward QoS.
 *
 * @param seq position in the queue; sent in this order
 * @param expiresAtEpochMillis MQTT 5 Message Expiry as a wall-clock deadline; 0 = never expires
 */
record QueuedMessage(long seq, Message message, long expiresAtEpochMillis) {
    /** What the message counts against {@code buffer.maxBytes}: topic and payload bytes. */
    long size() {
        return message.topic().getBytes(StandardCharsets.UTF_8).length + (long) message.payload().length;
    }

    boolean expired(long nowEpochMillis) {
        return expiresAtEpochMillis != 0 && nowEpochMillis >= expiresAtEpochMillis;
    }

    /** Whole seconds left, at least 1, for the MQTT 5 Message Expiry Interval sent to the remote. */
    long remainingSeconds(long nowEpochMillis) {
        return Math.max(1, (expiresAtEpochMillis - nowEpochMillis + 999) / 1000);
    }
}

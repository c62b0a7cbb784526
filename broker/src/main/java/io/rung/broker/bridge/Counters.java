package io.rung.broker.bridge;

import java.util.concurrent.atomic.AtomicLong;

/** A bridge's counters: updated on its thread (and by local publish callbacks), read by status calls. */
final class Counters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong skippedHeartbeats = new AtomicLong();
    volatile long queued;
    volatile long queuedBytes;
}

package io.rung.broker.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What one subscriber received: a count, the time of the last message, and every sequence number per publisher. */
final class SequenceTracker implements BenchClient.Sink {
    private final Map<Integer, BitSet> seen = new HashMap<>();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastNanos;

    @Override
    public synchronized void received(int publisherId, long seq) {
        BitSet bits = seen.computeIfAbsent(publisherId, k -> new BitSet());
        if (bits.get((int) seq)) duplicates.incrementAndGet();
        bits.set((int) seq);
        count.incrementAndGet();
        lastNanos = System.nanoTime();
    }

    long count() {
        return count.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long lastNanos() {
        return lastNanos;
    }

    /** How many of the sequence numbers 0 .. sent-1 of this publisher never arrived. */
    synchronized long missing(int publisherId, long sent) {
        BitSet bits = seen.getOrDefault(publisherId, new BitSet());
        return sent - bits.get(0, (int) sent).cardinality();
    }
}

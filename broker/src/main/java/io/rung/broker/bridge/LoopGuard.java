package io.rung.broker.bridge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Loop protection for MQTT 3.1.1 bridges, which have no No Local: remembers what was forwarded on topics an
 * {@code in} rule would bring back, and recognises an incoming message identical in topic and payload to one
 * forwarded in the last 10 s as its echo. Each forwarded message cancels at most one echo. Not thread-safe.
 */
final class LoopGuard {
    static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private final LongSupplier nanoTime;
    private final ArrayDeque<Forwarded> recent = new ArrayDeque<>();

    private record Forwarded(String topic, byte[] payload, long atNanos) {}

    LoopGuard(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Records a message sent to the remote on {@code remoteTopic}. */
    void forwarded(String remoteTopic, byte[] payload) {
        long now = nanoTime.getAsLong();
        prune(now);
        if (recent.size() == MAX_ENTRIES) recent.pollFirst();
        recent.addLast(new Forwarded(remoteTopic, payload, now));
    }

    /** True (and forgets the match) if this incoming message is the echo of one forwarded in the last 10 s. */
    boolean isEcho(String remoteTopic, byte[] payload) {
        prune(nanoTime.getAsLong());
        for (Iterator<Forwarded> it = recent.iterator(); it.hasNext(); ) {
            Forwarded f = it.next();
            if (f.topic().equals(remoteTopic) && Arrays.equals(f.payload(), payload)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private void prune(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst().atNanos() > WINDOW_NANOS) recent.pollFirst();
    }
}

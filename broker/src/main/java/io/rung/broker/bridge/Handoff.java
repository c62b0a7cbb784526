package io.rung.broker.bridge;

import io.rung.broker.Message;
import io.rung.config.BridgeConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Local messages on their way from the publishers' threads to the bridge's thread, in publish order, bounded like
 * the queue they go to: above {@code buffer.maxMessages} or {@code buffer.maxBytes} the oldest are dropped and
 * counted at once. Those are exactly the messages the queue would drop when they reached it (it keeps the newest
 * that fit), so the bounds hold even when the bridge's thread falls behind, and the heap with them. The bridge's
 * thread takes the messages in batches. Thread-safe.
 */
final class Handoff {
    /**
     * A local message, already rewritten for the remote; {@code written} completes once it is on disk (durable only);
     * {@code size} is what it counts against {@code buffer.maxBytes}, as the queue counts it.
     */
    record Item(
            Message remote,
            long expiresAtEpochMillis,
            boolean repeat,
            @Nullable CompletableFuture<Void> written,
            long size) {
        static Item of(
                Message remote, long expiresAtEpochMillis, boolean repeat, @Nullable CompletableFuture<Void> written) {
            long size = remote.topic().getBytes(StandardCharsets.UTF_8).length + (long) remote.payload().length;
            return new Item(remote, expiresAtEpochMillis, repeat, written, size);
        }
    }

    /** What {@link #take} got: up to the batch size, how many were dropped since the last take, whether more wait. */
    record Batch(List<Item> items, long dropped, boolean more) {}

    private final long maxMessages;
    private final long maxBytes;
    private final AtomicLong droppedTotal;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private long bytes;
    private long droppedSinceTake;
    private boolean taking;
    private volatile int count;
    private volatile long bytesView;

    /** {@code dropped}: the bridge's {@code dropped} counter, raised as soon as a message is dropped here. */
    Handoff(BridgeConfig.BufferConfig limits, AtomicLong dropped) {
        this.maxMessages = limits.maxMessages();
        this.maxBytes = limits.maxBytes().bytes();
        this.droppedTotal = dropped;
    }

    /**
     * Appends a message, dropping the oldest beyond the bounds (their {@code written} futures complete: as in the
     * queue, a dropped durable message is acknowledged to its publisher). Returns true when the bridge's thread has
     * to be asked for a {@link #take}: the first message since the last take that emptied this hand-off.
     */
    boolean push(Item item) {
        List<CompletableFuture<Void>> released = null;
        boolean wake;
        synchronized (this) {
            items.addLast(item);
            bytes += item.size();
            while (items.size() > 1 && (items.size() > maxMessages || bytes > maxBytes)) {
                Item old = items.removeFirst();
                bytes -= old.size();
                droppedSinceTake++;
                droppedTotal.incrementAndGet();
                if (old.written() != null) {
                    if (released == null) released = new ArrayList<>();
                    released.add(old.written());
                }
            }
            count = items.size();
            bytesView = bytes;
            wake = !taking;
            taking = true;
        }
        if (released != null) for (CompletableFuture<Void> f : released) f.complete(null);
        return wake;
    }

    /**
     * Takes up to {@code max} of the oldest messages. When nothing is left the next {@link #push} asks for a take
     * again; while {@link Batch#more()} the caller has to take again itself.
     */
    synchronized Batch take(int max) {
        int n = Math.min(max, items.size());
        List<Item> batch = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Item i = items.removeFirst();
            batch.add(i);
            bytes -= i.size();
        }
        long dropped = droppedSinceTake;
        droppedSinceTake = 0;
        count = items.size();
        bytesView = bytes;
        boolean more = !items.isEmpty();
        taking = more;
        return new Batch(batch, dropped, more);
    }

    /** How many messages wait here (for {@code queued}). */
    int count() {
        return count;
    }

    /** Their bytes as {@code buffer.maxBytes} counts them. */
    long bytes() {
        return bytesView;
    }
}

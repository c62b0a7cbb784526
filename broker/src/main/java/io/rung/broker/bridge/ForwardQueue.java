package io.rung.broker.bridge;

import io.rung.broker.Message;
import io.rung.config.BridgeConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bridge's store-and-forward queue: one ordered sequence of messages, each either on disk (an H2 MVStore file
 * of its own) or, while the link is up, only in memory. {@link #spill()} moves the memory-only ones to disk (link
 * down, shutdown, too many). A message leaves only through {@link #remove} (the remote acknowledged it) or as the
 * oldest when the {@code buffer} bounds are exceeded. {@link #commit()} hands what changed to the operating system
 * (enough for {@code kill -9}); {@link #sync()} forces it to the device (enough for a power loss); when to sync is
 * the {@link Forwarder}'s decision. Not thread-safe: used only on its bridge's thread.
 */
final class ForwardQueue implements AutoCloseable {
    /** Memory-only messages above this go to disk even while the link is up, so the heap stays bounded. */
    static final int MEMORY_LIMIT = 10_000;
    /**
     * How long the space of chunks that hold no live message is kept before it is written over: longer than the gap
     * between two syncs, so a power loss finds an intact older version (as the broker's store: 1 s for
     * {@code always}, 2 s for {@code batch}, and MVStore's default 45 s for {@code never}, longer than the operating
     * system holds back unflushed writes). The file therefore holds this long of traffic in addition to what is
     * queued.
     */
    static int retentionMillis(Fsync fsync) {
        return switch (fsync) {
            case ALWAYS -> 1_000;
            case BATCH -> 2_000;
            case NEVER -> 45_000;
        };
    }

    private static final Logger LOG = LoggerFactory.getLogger(ForwardQueue.class);

    private final Path file;
    private final MVStore store;
    private final MVMap<Long, byte[]> disk;
    private final MVMap<String, Long> meta;
    private final TreeMap<Long, Held> memory = new TreeMap<>();
    private final long maxMessages;
    private final long maxBytes;
    private long nextSeq;
    private long count;
    private long bytes;
    private int memoryOnly;
    private boolean dirty;
    private boolean unsynced;
    private long syncs;

    /** A message in memory; {@code onDisk} = also on disk (memory is then only a cache). */
    private record Held(QueuedMessage message, boolean onDisk) {}

    private ForwardQueue(Path file, MVStore store, BridgeConfig.BufferConfig limits) {
        this.file = file;
        this.store = store;
        this.disk = store.openMap("messages");
        this.meta = store.openMap("meta");
        this.maxMessages = limits.maxMessages();
        this.maxBytes = limits.maxBytes().bytes();
        Long last = disk.isEmpty() ? null : disk.lastKey();
        this.nextSeq = last == null ? 1 : last + 1;
        this.count = disk.sizeAsLong();
        Long savedBytes = meta.get("bytes");
        this.bytes = savedBytes != null ? savedBytes : sumSizes();
    }

    /**
     * Opens (or creates) the queue file; fails if another process holds it or it is not a queue. {@code fsync} only
     * sets how long replaced data is kept ({@link #retentionMillis}); {@link #sync()} is the caller's.
     */
    static ForwardQueue open(Path file, BridgeConfig.BufferConfig limits, Fsync fsync) {
        return open(file, limits, retentionMillis(fsync));
    }

    /** As {@link #open(Path, BridgeConfig.BufferConfig, Fsync)}; tests shorten the retention to see space reused. */
    static ForwardQueue open(Path file, BridgeConfig.BufferConfig limits, int retentionMillis) {
        try {
            Files.createDirectories(file.getParent());
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .open();
            store.setRetentionTime(retentionMillis);
            return new ForwardQueue(file, store, limits);
        } catch (IOException | MVStoreException e) {
            throw new QueueException("cannot open the bridge queue " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a message (already rewritten for the remote). {@code toDisk}: written to the file now, durable at the
     * next {@link #commit()}; else kept in memory until {@link #spill()}. Returns how many of the oldest messages
     * were dropped to stay within the bounds.
     */
    int add(Message message, long expiresAtEpochMillis, boolean toDisk) {
        QueuedMessage q = new QueuedMessage(nextSeq++, message, expiresAtEpochMillis);
        if (toDisk) {
            write(q);
        } else {
            memory.put(q.seq(), new Held(q, false));
            memoryOnly++;
        }
        count++;
        bytes += q.size();
        int dropped = 0;
        while (count > 1 && (count > maxMessages || bytes > maxBytes)) {
            remove(firstSeq());
            dropped++;
        }
        if (memoryOnly > MEMORY_LIMIT) spill();
        return dropped;
    }

    /** The first message at or after {@code fromSeq}, or null; a message read from disk stays cached until removed. */
    @Nullable
    QueuedMessage next(long fromSeq) {
        while (true) {
            Map.Entry<Long, Held> m = memory.ceilingEntry(fromSeq);
            Long d = disk.ceilingKey(fromSeq);
            if (d == null || (m != null && m.getKey() <= d))
                return m == null ? null : m.getValue().message();
            byte[] data = disk.get(d);
            try {
                QueuedMessage q = QueuedMessageCodec.decode(d, data);
                memory.put(d, new Held(q, true));
                return q;
            } catch (IOException e) {
                LOG.warn("Bridge queue {}: dropping unreadable message {}: {}", file, d, e.getMessage());
                disk.remove(d);
                dirty = true;
                count--;
                bytes -= data.length;
                fromSeq = d + 1;
            }
        }
    }

    /** Removes a message; false if it was no longer queued (already dropped). */
    boolean remove(long seq) {
        Held h = memory.remove(seq);
        long size = -1;
        if (h != null) {
            size = h.message().size();
            if (!h.onDisk()) memoryOnly--;
        }
        if (h == null || h.onDisk()) {
            byte[] data = disk.remove(seq);
            if (data != null) {
                dirty = true;
                if (size < 0) size = sizeOnDisk(seq, data);
            }
        }
        if (size < 0) return false;
        count--;
        bytes -= size;
        return true;
    }

    /** Writes every memory-only message to disk (durable at the next {@link #commit()}) and empties the cache. */
    void spill() {
        for (Held h : memory.values()) if (!h.onDisk()) write(h.message());
        memory.clear();
        memoryOnly = 0;
    }

    /**
     * Writes every write and removal so far to the file (the operating system has it: it survives {@code kill -9});
     * cheap when nothing changed.
     */
    void commit() {
        if (!dirty) return;
        try {
            meta.put("bytes", bytes);
            store.commit();
            dirty = false;
            unsynced = true;
        } catch (MVStoreException e) {
            throw new QueueException("cannot write the bridge queue " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces what was committed to the device (it survives a power loss); does nothing if that already happened. */
    void sync() {
        if (!unsynced) return;
        try {
            store.sync();
            unsynced = false;
            syncs++;
        } catch (MVStoreException e) {
            throw new QueueException("cannot sync the bridge queue " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when a commit has not been synced yet. */
    boolean unsynced() {
        return unsynced;
    }

    /** How many syncs reached the device since the file was opened. */
    long syncs() {
        return syncs;
    }

    /** The sequence number of the oldest message, or the next one to be assigned when empty. */
    long firstSeq() {
        long first = memory.isEmpty() ? nextSeq : memory.firstKey();
        Long d = disk.isEmpty() ? null : disk.firstKey();
        return d == null ? first : Math.min(first, d);
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Spills, commits and closes the file without a sync. */
    @Override
    public void close() {
        close(false);
    }

    /** Spills, commits and closes the file; {@code sync}: forces it to the device first. */
    void close(boolean sync) {
        try {
            spill();
            commit();
            if (sync) sync();
        } finally {
            store.close();
        }
    }

    private void write(QueuedMessage q) {
        try {
            disk.put(q.seq(), QueuedMessageCodec.encode(q));
            dirty = true;
        } catch (MVStoreException e) {
            throw new QueueException("cannot write the bridge queue " + file + ": " + e.getMessage(), e);
        }
    }

    private long sizeOnDisk(long seq, byte[] data) {
        try {
            return QueuedMessageCodec.decode(seq, data).size();
        } catch (IOException e) {
            return data.length; // unreadable: counted by its raw length when it was summed at start
        }
    }

    private long sumSizes() {
        long sum = 0;
        for (Map.Entry<Long, byte[]> e : disk.entrySet()) sum += sizeOnDisk(e.getKey(), e.getValue());
        return sum;
    }
}

package io.rung.broker.store.mvstore;

import io.rung.broker.store.StoreException;
import io.rung.config.PersistenceConfig.Fsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the store (group commit): it takes every write queued so far, applies them in order,
 * commits once, syncs if the {@link Fsync} mode asks for it, and only then completes the futures of the batch, in
 * queue order. Callers (event loops) only enqueue, so they never block; many messages share one disk write.
 *
 * <p>{@code always} syncs every commit before completing its futures. {@code batch} completes futures after the
 * commit (the data is in the OS, so a killed process loses nothing) and syncs at most {@link #SYNC_INTERVAL_NANOS}
 * or {@link #SYNC_EVERY_COMMITS} commits later, also when the writer goes idle. {@code never} leaves syncing to the
 * OS. Future callbacks run on this thread, so they must only hand work to another thread.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** What the writer drives; every method runs on the writer thread. */
    interface Disk {
        /** Writes what the applied operations changed; throws if the write failed. */
        void commit();

        /** Forces written data to the device. */
        void sync();

        /** Housekeeping while nothing is written (alive mark, compaction); may change data and commit. */
        void idle();
    }

    static final long SYNC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final int SYNC_EVERY_COMMITS = 256;
    static final long IDLE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_BATCH = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Write(Runnable op, CompletableFuture<Void> done) {}

    private static final Write STOP = new Write(() -> {}, new CompletableFuture<>());

    private final Disk disk;
    private final Fsync fsync;
    private final String fileName;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile boolean closing;
    private int unsynced;
    private long lastSyncNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime();
    private long lastFailureLogNanos = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;

    GroupCommitWriter(Disk disk, Fsync fsync, String fileName) {
        this.disk = disk;
        this.fsync = fsync;
        this.fileName = fileName;
        this.thread = new Thread(this::run, "rung-store");
        thread.setDaemon(true);
    }

    /** Starts the writer thread, once the store is loaded. */
    void start() {
        thread.start();
    }

    /** Queues {@code op} (run on the writer thread); the future completes once it is committed (and synced). */
    CompletableFuture<Void> submit(Runnable op) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(closed());
        } else {
            queue.add(new Write(op, done));
        }
        return done;
    }

    long commits() {
        return commits.get();
    }

    long syncs() {
        return syncs.get();
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        try {
            while (true) {
                Write first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    whenIdle();
                    continue;
                }
                if (first == STOP) break;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.removeIf(w -> w == STOP); // writes racing with close() may follow it
                writeBatch(batch);
                batch.clear();
                if (stop) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long waitNanos() {
        long now = System.nanoTime();
        if (fsync == Fsync.BATCH && unsynced > 0) return Math.max(0, lastSyncNanos + SYNC_INTERVAL_NANOS - now);
        return Math.max(0, lastWriteNanos + IDLE_INTERVAL_NANOS - now);
    }

    private void whenIdle() {
        try {
            if (fsync == Fsync.BATCH && unsynced > 0) {
                sync();
            } else {
                lastWriteNanos = System.nanoTime();
                disk.idle();
                afterCommit();
            }
        } catch (RuntimeException e) {
            failed("housekeeping", e);
        }
    }

    private void writeBatch(List<Write> batch) {
        RuntimeException[] errors = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                batch.get(i).op().run();
            } catch (RuntimeException e) {
                if (errors == null) errors = new RuntimeException[batch.size()];
                errors[i] = e;
                failed("a change", e);
            }
        }
        RuntimeException commitError = null;
        try {
            disk.commit();
            commits.incrementAndGet();
            afterCommit();
        } catch (RuntimeException e) {
            commitError = e;
            failed("a write of " + batch.size() + " changes", e);
        }
        lastWriteNanos = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            RuntimeException error = commitError != null ? commitError : errors == null ? null : errors[i];
            complete(batch.get(i).done(), error);
        }
    }

    private void afterCommit() {
        switch (fsync) {
            case ALWAYS -> sync();
            case BATCH -> {
                unsynced++;
                if (unsynced >= SYNC_EVERY_COMMITS || System.nanoTime() - lastSyncNanos >= SYNC_INTERVAL_NANOS) sync();
            }
            case NEVER -> {}
        }
    }

    private void sync() {
        disk.sync();
        syncs.incrementAndGet();
        unsynced = 0;
        lastSyncNanos = System.nanoTime();
    }

    private void complete(CompletableFuture<Void> done, @Nullable RuntimeException error) {
        if (error == null) done.complete(null);
        else
            done.completeExceptionally(
                    new StoreException("cannot write " + fileName + ": " + error.getMessage(), error));
    }

    private StoreException closed() {
        return new StoreException("the store " + fileName + " is closed");
    }

    private void failed(String what, RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLogNanos >= FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLogNanos = now;
            LOG.error("store {}: {} failed: {}", fileName, what, e.getMessage(), e);
        }
    }

    /** Writes everything queued so far, stops the thread, and fails writes that arrive later. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) LOG.warn("store {}: the writer did not stop within 10 s", fileName);
        }
        for (Write w; (w = queue.poll()) != null; ) {
            if (w != STOP) w.done().completeExceptionally(closed());
        }
    }
}

package io.rung.broker.bridge;

import io.rung.config.PersistenceConfig.Fsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a bridge's {@link ForwardQueue} is committed and synced. Durable adds: one commit for a burst (a task after
 * those already queued on the bridge's thread), their futures completed after it. Removals (acknowledged, refused,
 * expired, QoS 0 written) need no commit of their own, since one lost in a crash only sends that message again, and
 * neither do non-durable messages queued on disk while the link is down (but with {@code fsync: always}): they ride
 * along with the next commit, at most {@link #REMOVAL_COMMIT_MILLIS} later, or at once after
 * {@link #REMOVALS_PER_COMMIT}. Syncs follow {@code fsync}: {@code always} syncs every commit; {@code batch} syncs a
 * commit that durable messages wait for before completing them and any other at most {@link #BATCH_SYNC_MILLIS}
 * later; {@code never} leaves it to the operating system. Runs on the bridge's thread.
 */
final class QueueCommits {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    /** With {@code fsync: batch}, the longest a commit no publisher waits for stays unsynced. */
    static final long BATCH_SYNC_MILLIS = 100;
    /** The longest a removal (or a non-durable message written while the link is down) stays uncommitted. */
    static final long REMOVAL_COMMIT_MILLIS = BATCH_SYNC_MILLIS;
    /** Such changes that are committed at once rather than after {@link #REMOVAL_COMMIT_MILLIS}. */
    static final int REMOVALS_PER_COMMIT = 4096;

    private final String name;
    private final ForwardQueue queue;
    private final Fsync fsync;
    private final Consumer<Runnable> thread;
    private final Consumer<Runnable> later;
    private final List<CompletableFuture<Void>> awaiting = new ArrayList<>();
    private boolean commitScheduled;
    private boolean removalCommitScheduled;
    private boolean syncScheduled;
    private int uncommitted;
    private boolean closed;

    /**
     * @param thread runs a task on the bridge's thread after those already queued
     * @param later runs a task on the bridge's thread {@link #BATCH_SYNC_MILLIS} (= {@link #REMOVAL_COMMIT_MILLIS})
     *              from now
     */
    QueueCommits(String name, ForwardQueue queue, Fsync fsync, Consumer<Runnable> thread, Consumer<Runnable> later) {
        this.name = name;
        this.queue = queue;
        this.fsync = fsync;
        this.thread = thread;
        this.later = later;
    }

    /** A durable message was written: {@code written} completes after the next commit (and sync). */
    void awaitCommit(CompletableFuture<Void> written) {
        awaiting.add(written);
        request();
    }

    /** Group commit: one disk write for everything changed since the last one, after the tasks already queued. */
    void request() {
        if (commitScheduled) return;
        commitScheduled = true;
        thread.accept(this::commit);
    }

    /**
     * A non-durable message was written to disk (the link is down): with {@code fsync: always} committed and synced
     * at once, as before acknowledging a durable one; otherwise a change nobody waits for.
     */
    void queuedOnDisk() {
        if (fsync == Fsync.ALWAYS) request();
        else changed(1);
    }

    /**
     * {@code n} changes nobody waits for: messages that left the queue, or non-durable messages written to disk
     * while the link is down unless {@code fsync} is {@code always} (a crash loses at most the last
     * {@link #REMOVAL_COMMIT_MILLIS} of those, as a power loss with {@code fsync: batch} does).
     */
    void changed(int n) {
        uncommitted += n;
        if (uncommitted >= REMOVALS_PER_COMMIT) {
            request();
        } else if (!removalCommitScheduled) {
            removalCommitScheduled = true;
            later.accept(this::commitRemovals);
        }
    }

    private void commitRemovals() {
        removalCommitScheduled = false;
        if (!closed) commit();
    }

    /** Commits now, syncs as {@code fsync} says and completes the futures waiting for it. */
    void commit() {
        commitScheduled = false;
        uncommitted = 0;
        List<CompletableFuture<Void>> waiting = List.copyOf(awaiting);
        awaiting.clear();
        try {
            queue.commit();
            if (fsync == Fsync.ALWAYS || (fsync == Fsync.BATCH && !waiting.isEmpty())) {
                queue.sync();
            } else if (fsync == Fsync.BATCH && queue.unsynced()) {
                requestSync();
            }
            for (CompletableFuture<Void> f : waiting) f.complete(null);
        } catch (QueueException e) {
            LOG.error("Bridge {}: {}", name, e.getMessage());
            for (CompletableFuture<Void> f : waiting) f.completeExceptionally(e);
        }
    }

    private void requestSync() {
        if (syncScheduled) return;
        syncScheduled = true;
        later.accept(this::syncNow);
    }

    private void syncNow() {
        syncScheduled = false;
        if (closed) return;
        try {
            queue.sync();
        } catch (QueueException e) {
            LOG.error("Bridge {}: {}", name, e.getMessage());
        }
    }

    /** Commits what is left and closes the queue, synced unless {@code never}; later tasks do nothing. */
    void close() {
        commit();
        closed = true;
        queue.close(fsync != Fsync.NEVER);
    }
}

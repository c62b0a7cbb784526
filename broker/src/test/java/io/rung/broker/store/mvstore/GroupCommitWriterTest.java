package io.rung.broker.store.mvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rung.broker.store.StoreException;
import io.rung.config.PersistenceConfig.Fsync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {
    /** A disk that records what the writer asked of it; a commit can be made to fail. */
    private static final class RecordingDisk implements GroupCommitWriter.Disk {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger syncs = new AtomicInteger();
        volatile boolean failCommits;

        @Override
        public void commit() {
            if (failCommits) throw new IllegalStateException("disk full");
            commits.incrementAndGet();
        }

        @Override
        public void sync() {
            syncs.incrementAndGet();
        }

        @Override
        public void idle() {
            // nothing to tidy in a fake
        }
    }

    private final RecordingDisk disk = new RecordingDisk();
    private GroupCommitWriter writer;

    private GroupCommitWriter start(Fsync fsync) {
        writer = new GroupCommitWriter(disk, fsync, "test.mv");
        writer.start();
        return writer;
    }

    @AfterEach
    void close() {
        if (writer != null) writer.close();
    }

    @Test
    void writesQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
        start(Fsync.NEVER);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = writer.submit(() -> {
            busy.countDown();
            awaitLatch(release);
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) batch.add(writer.submit(() -> {}));
        release.countDown();
        CompletableFuture.allOf(batch.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        assertThat(first).isCompleted();
        assertThat(disk.commits).hasValue(2); // the first write alone, then all 100 together
    }

    @Test
    void aFutureCompletesOnlyAfterTheCommitOfItsBatch() throws Exception {
        start(Fsync.NEVER);
        AtomicInteger commitsWhenApplied = new AtomicInteger(-1);
        CompletableFuture<Void> f = writer.submit(() -> commitsWhenApplied.set(disk.commits.get()));
        f.get(5, TimeUnit.SECONDS);
        assertThat(commitsWhenApplied).hasValue(0);
        assertThat(disk.commits).hasValue(1);
    }

    @Test
    void futuresCompleteInTheOrderTheWritesWereQueued() throws Exception {
        start(Fsync.BATCH);
        List<Integer> completed = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = i;
            all.add(writer.submit(() -> {}).whenComplete((v, e) -> completed.add(n)));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        assertThat(completed).hasSize(2000).isSorted();
    }

    @Test
    void alwaysSyncsEveryCommitBeforeCompletingItsFutures() throws Exception {
        start(Fsync.ALWAYS);
        for (int i = 0; i < 20; i++) {
            writer.submit(() -> {})
                    .thenRun(() -> assertThat(disk.syncs.get()).isEqualTo(disk.commits.get()))
                    .get(5, TimeUnit.SECONDS);
        }
        assertThat(disk.syncs.get()).isEqualTo(disk.commits.get()).isEqualTo(20);
    }

    @Test
    void batchSyncsSoonAfterTheLastCommitEvenWhenNothingElseIsWritten() throws Exception {
        start(Fsync.BATCH);
        writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(2)).until(() -> disk.syncs.get() == 1);
        assertThat(writer.syncs()).isEqualTo(1);
    }

    @Test
    void batchSyncsAtMostEveryHundredMillisecondsUnderLoad() throws Exception {
        start(Fsync.BATCH);
        long startNanos = System.nanoTime();
        for (int i = 0; i < 200; i++) writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(disk.commits).hasValue(200);
        // one sync per 100 ms or per 256 commits, plus the first one
        assertThat(disk.syncs.get()).isLessThanOrEqualTo((int) (elapsedMillis / 100) + 2);
    }

    @Test
    void neverLeavesSyncingToTheSystem() throws Exception {
        start(Fsync.NEVER);
        for (int i = 0; i < 10; i++) writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> disk.syncs.get() == 0);
        assertThat(disk.commits).hasValue(10);
    }

    @Test
    void aFailedCommitFailsEveryFutureOfItsBatchWithTheFileName() {
        start(Fsync.BATCH);
        disk.failCommits = true;
        CompletableFuture<Void> f = writer.submit(() -> {});
        assertThatThrownBy(f::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class)
                .hasRootCauseMessage("disk full")
                .cause()
                .hasMessage("cannot write test.mv: disk full");
    }

    @Test
    void aFailingChangeFailsOnlyItsOwnFuture() throws Exception {
        start(Fsync.NEVER);
        CompletableFuture<Void> bad = writer.submit(() -> {
            throw new IllegalArgumentException("bad record");
        });
        CompletableFuture<Void> good = writer.submit(() -> {});
        good.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(bad::join).hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void writesAfterCloseFailAndQueuedOnesAreWrittenFirst() throws Exception {
        start(Fsync.NEVER);
        CompletableFuture<Void> before = writer.submit(() -> {});
        writer.close();
        assertThat(before).isCompleted();
        assertThatThrownBy(writer.submit(() -> {})::join)
                .hasCauseInstanceOf(StoreException.class)
                .cause()
                .hasMessage("the store test.mv is closed");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

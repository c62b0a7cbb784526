package io.rung.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connect retries: back-off doubling to 60 s, at most 10 s while the server refuses, stops when closed. */
class RetryingConnectTest {
    private final ImmediateTimer timer = new ImmediateTimer();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void unreachableServerIsRetriedWithDoublingBackOffUntilItAnswers() {
        FailingDriver driver = new FailingDriver(8, DriverState.State.FAILED);
        CompletableFuture<Void> connected = new RetryingConnect("tank", driver, timer).connect();
        await().atMost(Duration.ofSeconds(10)).until(connected::isDone);
        assertThat(connected).isCompleted();
        assertThat(driver.attempts.get()).isEqualTo(9);
        // nominal 1, 2, 4, 8, 16, 32, 60, 60 s, each with ±20 % jitter
        assertThat(timer.delaysMs).hasSize(8);
        assertThat(timer.delaysMs.get(0)).isBetween(800L, 1_200L);
        assertThat(timer.delaysMs.get(5)).isBetween(25_600L, 38_400L);
        assertThat(timer.delaysMs.get(7)).isBetween(48_000L, 72_000L);
    }

    @Test
    void refusingServerIsRetriedAtLeastEveryTenSeconds() {
        FailingDriver driver = new FailingDriver(8, DriverState.State.REFUSED);
        CompletableFuture<Void> connected = new RetryingConnect("tank", driver, timer).connect();
        await().atMost(Duration.ofSeconds(10)).until(connected::isDone);
        assertThat(timer.delaysMs).hasSize(8).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(12_000L));
    }

    @Test
    void closingStopsTheRetries() {
        FailingDriver driver = new FailingDriver(Integer.MAX_VALUE, DriverState.State.FAILED);
        timer.hold = true;
        RetryingConnect retrying = new RetryingConnect("tank", driver, timer);
        CompletableFuture<Void> connected = retrying.connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> timer.delaysMs.size() == 1);
        retrying.close();
        timer.release();
        await().atMost(Duration.ofSeconds(10)).until(connected::isDone);
        assertThat(connected).isCancelled();
        assertThat(driver.attempts.get()).isEqualTo(1);
        assertThat(driver.closed).isTrue();
    }

    /** Records the delays asked for and runs the task at once (or when released). */
    private static final class ImmediateTimer extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMs = new CopyOnWriteArrayList<>();
        final List<Runnable> held = new CopyOnWriteArrayList<>();
        volatile boolean hold;

        ImmediateTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delaysMs.add(unit.toMillis(delay));
            if (hold) {
                held.add(command);
                return super.schedule(() -> {}, 0, TimeUnit.MILLISECONDS);
            }
            return super.schedule(command, 0, TimeUnit.MILLISECONDS);
        }

        void release() {
            hold = false;
            for (Runnable r : held) super.schedule(r, 0, TimeUnit.MILLISECONDS);
        }
    }

    /** Fails {@code failures} connects, reporting {@code state} each time, then connects. */
    private static final class FailingDriver implements Driver {
        final AtomicInteger attempts = new AtomicInteger();
        final List<Consumer<DriverState>> listeners = new CopyOnWriteArrayList<>();
        final int failures;
        final DriverState.State state;
        volatile boolean closed;

        FailingDriver(int failures, DriverState.State state) {
            this.failures = failures;
            this.state = state;
        }

        @Override
        public CompletableFuture<Void> connect() {
            if (attempts.incrementAndGet() > failures) {
                listeners.forEach(l -> l.accept(DriverState.connected()));
                return CompletableFuture.completedFuture(null);
            }
            listeners.forEach(l -> l.accept(new DriverState(state, Optional.of("server says no"))));
            return CompletableFuture.failedFuture(new DriverException("tank", "server says no"));
        }

        @Override
        public CompletableFuture<List<Sample>> read(List<PointAddress> points) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> write(PointAddress point, Value value) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onStateChange(Consumer<DriverState> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

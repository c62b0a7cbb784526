package io.rung.gateway.northbound;

import io.rung.gateway.mapping.DurationText;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Serialises everything one device does (polls, command writes and their read-backs) without holding a thread:
 * a task starts only when the future of the task before it has completed. A task that has not completed after
 * {@code maxRun} fails with a timeout, so a driver future that never completes cannot stop the device for good.
 *
 * <pre>{@code
 * lane.submit(() -> driver.read(points).thenAccept(publisher::onSamples));
 * }</pre>
 */
public final class DeviceLane {
    /** How long a task may run before the lane gives up on it and starts the next one. */
    public static final Duration DEFAULT_MAX_RUN = Duration.ofSeconds(60);

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration maxRun;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int waiting;

    public DeviceLane(Duration maxRun) {
        if (maxRun.isNegative() || maxRun.isZero())
            throw new IllegalArgumentException("maxRun must be > 0, got " + maxRun);
        this.maxRun = maxRun;
    }

    public DeviceLane() {
        this(DEFAULT_MAX_RUN);
    }

    /** Queues a task behind every earlier one; its result completes with the task's future. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> previous;
        synchronized (this) {
            previous = enqueue(result);
        }
        previous.whenComplete((value, failure) -> start(task, result));
        return result;
    }

    /** Like {@link #submit}, but empty (and nothing queued) when {@code maxWaiting} tasks are already waiting. */
    public <T> Optional<CompletableFuture<T>> trySubmit(int maxWaiting, Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> previous;
        synchronized (this) {
            if (waiting >= maxWaiting) return Optional.empty();
            previous = enqueue(result);
        }
        // Attached outside the lock: when the lane is idle the task starts right here, on the caller's thread.
        previous.whenComplete((value, failure) -> start(task, result));
        return Optional.of(result);
    }

    private CompletableFuture<?> enqueue(CompletableFuture<?> result) {
        CompletableFuture<?> previous = tail;
        tail = result.handle((value, failure) -> null);
        waiting++;
        return previous;
    }

    /** Tasks queued but not started yet. */
    public synchronized int waiting() {
        return waiting;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "rung-lane-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private <T> void start(Supplier<CompletableFuture<T>> task, CompletableFuture<T> result) {
        synchronized (this) {
            waiting--;
        }
        ScheduledFuture<?> timeout = TIMER.schedule(
                () -> result.completeExceptionally(new TimeoutException("no answer within " + DurationText.of(maxRun))),
                maxRun.toMillis(),
                TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> timeout.cancel(false));
        CompletableFuture<T> running;
        try {
            running = task.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        running.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }
}

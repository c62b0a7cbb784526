package io.rung.gateway.northbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeviceLaneTest {
    private final DeviceLane lane = new DeviceLane();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void aTaskStartsOnlyWhenThePreviousOneHasCompleted() {
        CompletableFuture<String> first = new CompletableFuture<>();
        lane.submit(() -> {
            order.add("first started");
            return first;
        });
        CompletableFuture<String> second = lane.submit(() -> {
            order.add("second started");
            return CompletableFuture.completedFuture("b");
        });
        assertThat(order).containsExactly("first started");
        assertThat(lane.waiting()).isEqualTo(1);
        first.complete("a");
        assertThat(order).containsExactly("first started", "second started");
        assertThat(second).isCompletedWithValue("b");
    }

    @Test
    void trySubmitRefusesWhenTooManyTasksWait() {
        CompletableFuture<Void> blocker = new CompletableFuture<>();
        lane.submit(() -> blocker);
        assertThat(lane.trySubmit(2, () -> CompletableFuture.completedFuture(1)))
                .isPresent();
        assertThat(lane.trySubmit(2, () -> CompletableFuture.completedFuture(2)))
                .isPresent();
        assertThat(lane.trySubmit(2, () -> CompletableFuture.completedFuture(3)))
                .isEmpty();
        blocker.complete(null);
        assertThat(lane.waiting()).isZero();
        assertThat(lane.trySubmit(2, () -> CompletableFuture.completedFuture(4)))
                .isPresent();
    }

    @Test
    void aTaskThatNeverCompletesTimesOutAndTheNextOneRuns() {
        DeviceLane quick = new DeviceLane(Duration.ofMillis(100));
        CompletableFuture<Void> stuck = quick.submit(CompletableFuture::new);
        CompletableFuture<String> next = quick.submit(() -> CompletableFuture.completedFuture("ran"));
        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertThat(next).isCompletedWithValue("ran");
        assertThat(stuck).isCompletedExceptionally();
        try {
            stuck.get();
        } catch (ExecutionException | InterruptedException e) {
            assertThat(e.getCause()).isInstanceOf(TimeoutException.class).hasMessage("no answer within 100ms");
        }
    }

    @Test
    void aTaskThatThrowsFailsItsFutureAndTheLaneGoesOn() {
        CompletableFuture<String> failed = lane.submit(() -> {
            throw new IllegalStateException("driver bug");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(lane.submit(() -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
    }

    @Test
    void aFailedTaskDoesNotStopTheLane() {
        lane.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("read failed")));
        assertThat(lane.submit(() -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
    }
}

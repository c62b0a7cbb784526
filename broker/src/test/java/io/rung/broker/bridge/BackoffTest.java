package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static List<Long> seconds(Backoff b, int n) {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < n; i++) s.add(b.next().toMillis());
        return s;
    }

    @Test
    void doublesFromOneSecondUpToSixtySeconds() {
        assertThat(seconds(new Backoff(() -> 0.5), 9))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
    }

    @Test
    void jitterStaysWithinTwentyPercentAndTheBounds() {
        assertThat(seconds(new Backoff(() -> 0.0), 4)).containsExactly(1000L, 1600L, 3200L, 6400L);
        Backoff high = new Backoff(() -> 1.0);
        assertThat(seconds(high, 8)).containsExactly(1200L, 2400L, 4800L, 9600L, 19200L, 38400L, 60000L, 60000L);
    }

    @Test
    void resetStartsOverAtOneSecond() {
        Backoff b = new Backoff(() -> 0.5);
        seconds(b, 5);
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }
}

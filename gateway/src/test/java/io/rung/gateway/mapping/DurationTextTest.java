package io.rung.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void durationsAreWrittenAsInRungYaml() {
        assertThat(DurationText.of(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationText.of(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationText.of(Duration.ofMillis(12_500))).isEqualTo("12.5s");
        assertThat(DurationText.of(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(DurationText.of(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0ms");
        assertThat(DurationText.ofNanos(1_250_000_000L)).isEqualTo("1.25s");
    }
}

package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, sizes, numbers and booleans are read from their literal text as the type the key expects. */
class ScalarValueTest {
    @TempDir
    Path dir;

    private ConfigFixture fixture() {
        return new ConfigFixture(dir);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "7d, PT168H", "0, PT0S", "0s, PT0S"})
    void durationsCarryTheirUnit(String written, Duration expected) {
        assertThat(fixture()
                        .ok("broker: { sysInterval: " + written + " }")
                        .broker()
                        .sysInterval())
                .isEqualTo(expected);
    }

    @Test
    void durationWithoutUnitOrWithAStrangeOneIsRefused() {
        fixture()
                .failsWith(
                        "broker: { sysInterval: 10 }",
                        "rung.yaml:1:24: broker.sysInterval: needs a unit: ms, s, m, h or d (was 10)");
        fixture()
                .failsWith(
                        "broker: { sysInterval: 1.5s }",
                        "rung.yaml:1:24: broker.sysInterval: must be a duration such as 500ms, 5s, 2m, 1h or 7d (was '1.5s')");
    }

    @ParameterizedTest
    @CsvSource({"512B, 512", "256KiB, 262144", "16MiB, 16777216", "1GiB, 1073741824"})
    void sizesUseBinaryUnits(String written, long bytes) {
        assertThat(fixture()
                        .ok("bridges: [ { name: b, url: \"mqtt://h\", out: [ { topic: \"#\" } ], buffer: { "
                                + "maxBytes: " + written + " } } ]")
                        .bridges()
                        .get(0)
                        .buffer()
                        .maxBytes())
                .isEqualTo(DataSize.ofBytes(bytes));
    }

    @Test
    void sizeWithADecimalUnitGetsAHint() {
        fixture()
                .failsWith(
                        "bridges: [ { name: b, url: \"mqtt://h\", out: [ { topic: \"#\" } ], "
                                + "buffer: { maxBytes: 256KB } } ]",
                        "rung.yaml:1:85: bridges[0].buffer.maxBytes: must be a size such as 512B, 256KiB, 16MiB or 1GiB "
                                + "(was '256KB'; did you mean '256KiB'?)");
    }

    @Test
    void maxPacketSizeMustFitMqtt() {
        fixture()
                .failsWith(
                        "broker: { limits: { maxPacketSize: 1GiB } }",
                        "rung.yaml:1:36: broker.limits.maxPacketSize: must be between 64B and 256MiB (was '1GiB')");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        fixture()
                .failsWith(
                        "broker: { auth: { anonymous: yes } }",
                        "rung.yaml:1:30: broker.auth.anonymous: must be true or false (was 'yes')");
        assertThat(fixture()
                        .ok("broker: { auth: { anonymous: true } }")
                        .broker()
                        .auth()
                        .orElseThrow()
                        .anonymous())
                .isTrue();
    }

    @Test
    void numbersAreDecimalNeverOctalOrHex() {
        assertThat(fixture()
                        .ok("broker: { listeners: [ { port: 01883 } ] }")
                        .broker()
                        .listeners()
                        .get(0)
                        .port())
                .isEqualTo(1883);
        fixture()
                .failsWith(
                        "broker: { listeners: [ { port: 0x75B } ] }",
                        "rung.yaml:1:32: broker.listeners[0].port: must be a whole number (was '0x75B')");
    }

    @Test
    void quotedNumbersAreReadAsTheirText() {
        assertThat(fixture()
                        .ok("broker: { listeners: [ { port: \"1883\" } ] }")
                        .broker()
                        .listeners()
                        .get(0)
                        .port())
                .isEqualTo(1883);
    }

    @Test
    void enumValueGetsADidYouMeanHint() {
        fixture()
                .failsWith(
                        "broker: { persistence: { fsync: alwyas } }",
                        "rung.yaml:1:33: broker.persistence.fsync: must be one of batch, always, never (was 'alwyas') "
                                + "(did you mean 'always'?)");
    }

    @Test
    void mappingWhereASingleValueBelongsIsRefused() {
        fixture()
                .failsWith(
                        "broker: { sysInterval: { s: 5 } }",
                        "rung.yaml:1:24: broker.sysInterval: must be a single value (was a mapping)");
    }
}

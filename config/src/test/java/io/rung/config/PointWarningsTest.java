package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doubtful Modbus mappings issue 4 asks to warn about: a writable numeric point without {@code min}/{@code max},
 * and one register read as different types by two points of a device. Warnings never stop the config.
 */
class PointWarningsTest {
    @TempDir
    Path dir;

    /** A file with one Modbus device; the points are flow mappings from line 6 on, starting at column 7. */
    private static String device(String... points) {
        return """
                devices:
                  - name: plc
                    topic: plant/plc
                    modbus: { url: "tcp://127.0.0.1:502" }
                    points:
                """
                + String.join(
                        "",
                        java.util.Arrays.stream(points)
                                .map(p -> "      - " + p + "\n")
                                .toList());
    }

    private List<String> warnings(String... points) {
        return new ConfigFixture(dir).warnings(device(points));
    }

    @Test
    void writableNumericPointWithoutMinAndMaxIsAWarning() {
        assertThat(warnings("{ name: speed, address: 40201, write: true }"))
                .containsExactly(
                        "rung.yaml:6:47: warning: devices[0].points[0].write: writable uint16 point without min and max: "
                                + "a command may write any value the type holds; set min and max to the safe range");
    }

    @Test
    void writableNumericPointWithOnlyOneLimitNamesTheMissingOne() {
        assertThat(warnings("{ name: t, address: 40101, type: float32, write: true, min: -20 }"))
                .containsExactly(
                        "rung.yaml:6:58: warning: devices[0].points[0].write: writable float32 point without max: "
                                + "a command may write any value the type holds; set max to the safe range");
        assertThat(warnings("{ name: t, address: 40101, type: int32, write: true, max: 100 }"))
                .singleElement()
                .asString()
                .contains("writable int32 point without min:");
    }

    @Test
    void writablePointWithMinAndMaxBoolOrStringHasNoWarning() {
        assertThat(warnings(
                        "{ name: speed, address: 40201, write: true, min: 0, max: 1500 }",
                        "{ name: enable, address: coil:0, write: true }",
                        "{ name: bit, address: holding:7.3, write: true }",
                        "{ name: label, address: holding:10, type: string, length: 4, write: true }"))
                .isEmpty();
    }

    @Test
    void readOnlyPointNeedsNoLimits() {
        assertThat(warnings("{ name: speed, address: 40201 }")).isEmpty();
    }

    @Test
    void registerReadAsTwoTypesIsAWarningAtTheSecondPoint() {
        assertThat(warnings(
                        "{ name: t1, address: holding:100, type: float32 }",
                        "{ name: t2, address: holding:100, type: uint32 }"))
                .containsExactly("rung.yaml:7:30: warning: devices[0].points[1].address: reads registers of point t1 "
                        + "(float32 at holding:100-101) as uint32 at holding:100-101; one register read as different "
                        + "types is usually an address mistake");
    }

    @Test
    void overlapThatStartsAtAnotherRegisterIsAWarningEvenForTheSameType() {
        assertThat(warnings(
                        "{ name: t1, address: holding:100, type: float32 }",
                        "{ name: t2, address: holding:101, type: float32 }"))
                .singleElement()
                .asString()
                .contains("reads registers of point t1 (float32 at holding:100-101) as float32 at holding:101-102");
        assertThat(warnings(
                        "{ name: name, address: holding:120, type: string, length: 4 }",
                        "{ name: word, address: holding:123 }"))
                .singleElement()
                .asString()
                .contains("reads registers of point name (string at holding:120-123) as uint16 at holding:123;");
    }

    @Test
    void eachPointWarnsOnceEvenWhenItOverlapsSeveral() {
        assertThat(warnings(
                        "{ name: a, address: holding:0 }",
                        "{ name: b, address: holding:1 }",
                        "{ name: wide, address: holding:0, type: int64 }"))
                .singleElement()
                .asString()
                .contains("points[2].address: reads registers of point a (uint16 at holding:0)");
    }

    @Test
    void sameValueTwiceBitsOfAWordAndOtherTablesAreNotOverlaps() {
        assertThat(warnings(
                        "{ name: t-raw, address: holding:100, type: float32, order: CDAB }",
                        "{ name: t-scaled, address: holding:100, type: float32, order: CDAB, scale: 0.1 }",
                        "{ name: status, address: holding:107 }",
                        "{ name: running, address: holding:107.0 }",
                        "{ name: alarm, address: holding:107.1 }",
                        "{ name: flow, address: input:100, type: float32 }",
                        "{ name: coil, address: coil:100 }",
                        "{ name: input, address: discrete:100 }"))
                .isEmpty();
    }

    @Test
    void opcUaPointsAreNotChecked() {
        String yaml = """
                devices:
                  - name: tank
                    topic: plant/tank
                    opcua: { url: "opc.tcp://127.0.0.1:4840" }
                    points:
                      - { name: setpoint, node: "ns=2;s=Tank1.Setpoint", write: true }
                """;
        assertThat(new ConfigFixture(dir).warnings(yaml)).isEmpty();
    }
}

package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Modbus addresses, types and byte orders as DESIGN.md "Modbus addresses, types and lines" states them. */
class ModbusPointTest {
    @TempDir
    Path dir;

    /** A file with one Modbus device; {@code point} is a flow mapping on line 6, starting at column 7. */
    private static String device(String point) {
        return device("", point);
    }

    private static String device(String deviceExtra, String point) {
        return String.format(Locale.ROOT, """
                devices:
                  - name: plc
                    topic: plant/plc
                    modbus: { url: "tcp://127.0.0.1:502" }%s
                    points:
                      - %s
                """, deviceExtra, point);
    }

    private PointConfig point(String point) {
        return new ConfigFixture(dir)
                .ok(device(point))
                .devices()
                .get(0)
                .points()
                .get(0);
    }

    private List<String> problems(String point) {
        return new ConfigFixture(dir).problems(device(point));
    }

    @ParameterizedTest
    @CsvSource({
        "40201, HOLDING, 200, 40201",
        "'\"40201\"', HOLDING, 200, 40201",
        "00010, COIL, 9, 10",
        "00001, COIL, 0, 1",
        "10001, DISCRETE, 0, 10001",
        "30001, INPUT, 0, 30001",
        "49999, HOLDING, 9998, 49999",
        "300001, INPUT, 0, 300001",
        "465536, HOLDING, 65535, 465536",
        "000010, COIL, 9, 10",
    })
    void modiconNumberIsReadFromTheYamlText(String written, ModbusAddress.Kind kind, int offset, int modicon) {
        assertThat(point("{ name: p, address: " + written + " }").address())
                .contains(new ModbusAddress(kind, offset, -1, modicon));
    }

    @Test
    void modiconAddressPrintsWithItsNumberInBrackets() {
        assertThat(point("{ name: p, address: 00010 }").address().orElseThrow()).hasToString("coil:9 (00010)");
    }

    @ParameterizedTest
    @CsvSource({
        "holding:100, HOLDING, 100, -1",
        "input:0, INPUT, 0, -1",
        "coil:65535, COIL, 65535, -1",
        "discrete:7, DISCRETE, 7, -1",
        "holding:100.15, HOLDING, 100, 15",
        "input:3.0, INPUT, 3, 0",
    })
    void tableFormIsTheZeroBasedOffset(String written, ModbusAddress.Kind kind, int offset, int bit) {
        assertThat(point("{ name: p, address: \"" + written + "\" }").address())
                .contains(new ModbusAddress(kind, offset, bit, 0));
    }

    @Test
    void otherBareNumbersAreRefusedWithAHolding() {
        assertThat(problems("{ name: p, address: 100 }"))
                .containsExactly("rung.yaml:6:29: devices[0].points[0]"
                        + ".address: a bare number must be a 5- or 6-digit Modicon number such as 40201; for register 100 "
                        + "write holding:100 (was 100)");
        assertThat(problems("{ name: p, address: 20001 }"))
                .containsExactly("rung.yaml:6:29: devices[0].points[0]"
                        + ".address: a Modicon number starts with 0 (coil), 1 (discrete input), 3 (input register) or 4 "
                        + "(holding register) (was 20001)");
        assertThat(problems("{ name: p, address: 40000 }"))
                .containsExactly("rung.yaml:6:29: devices[0].points[0]"
                        + ".address: Modicon number must be between 40001 and 49999 (was 40000)");
    }

    @Test
    void badTableFormsAreRefused() {
        assertThat(problems("{ name: p, address: \"holdng:1\" }"))
                .containsExactly("rung.yaml:6:29: devices[0]"
                        + ".points[0].address: register table must be one of holding, input, coil, discrete (was 'holdng') "
                        + "(did you mean 'holding'?)");
        assertThat(problems("{ name: p, address: \"holding:1.16\" }"))
                .containsExactly("rung.yaml:6:29: devices[0]"
                        + ".points[0].address: bit must be between 0 and 15 (was 'holding:1.16')");
        assertThat(problems("{ name: p, address: \"coil:1.2\" }"))
                .containsExactly(
                        "rung.yaml:6:29: devices[0]"
                                + ".points[0].address: a bit number (.B) applies to holding and input registers only (was 'coil:1.2')");
        assertThat(problems("{ name: p, address: \"holding:65536\" }"))
                .containsExactly("rung.yaml:6:29: devices[0]"
                        + ".points[0].address: offset must be between 0 and 65535 (was 'holding:65536')");
    }

    @Test
    void typeDefaultsToBoolForBitsAndUint16ForRegisters() {
        assertThat(point("{ name: p, address: \"coil:1\" }").type()).contains(PointType.BOOL);
        assertThat(point("{ name: p, address: \"discrete:1\" }").type()).contains(PointType.BOOL);
        assertThat(point("{ name: p, address: \"holding:1.3\" }").type()).contains(PointType.BOOL);
        assertThat(point("{ name: p, address: \"input:1\" }").type()).contains(PointType.UINT16);
    }

    @Test
    void typeMustFitTheTable() {
        assertThat(problems("{ name: p, address: \"coil:1\", type: float32 }"))
                .containsExactly("rung.yaml:6:45: "
                        + "devices[0].points[0].type: coils and discrete inputs hold one bit, so type must be bool "
                        + "(was 'float32')");
        assertThat(problems("{ name: p, address: \"holding:1\", type: bool }"))
                .containsExactly("rung.yaml:6:48: "
                        + "devices[0].points[0].type: bool needs a coil, a discrete input or a register bit such as "
                        + "holding:1.0");
        assertThat(problems("{ name: p, address: \"holding:1.2\", type: int16 }"))
                .containsExactly("rung.yaml:6:50: "
                        + "devices[0].points[0].type: a register bit such as holding:N.B is a bool (was 'int16')");
        assertThat(problems("{ name: p, address: \"holding:1\", type: flaot32 }"))
                .containsExactly("rung.yaml:6:48: "
                        + "devices[0].points[0].type: must be one of bool, int16, uint16, int32, uint32, int64, uint64, "
                        + "float32, float64, string (was 'flaot32') (did you mean 'float32'?)");
    }

    @Test
    void valueMustNotRunPastTheLastRegister() {
        assertThat(problems("{ name: p, address: \"holding:65534\", type: float64 }"))
                .containsExactly(
                        "rung.yaml:6:29: devices[0].points[0].address: a float64 at offset 65534 runs past the last "
                                + "register, 65535");
    }

    @Test
    void stringNeedsALengthInRegistersAndOnlyStringsHaveOne() {
        assertThat(point("{ name: p, address: \"holding:10\", type: string, length: 8 }")
                        .length())
                .isEqualTo(8);
        assertThat(problems("{ name: p, address: \"holding:10\", type: string }"))
                .containsExactly("rung.yaml:6:9: devices[0].points[0]: missing key 'length'");
        assertThat(problems("{ name: p, address: \"holding:10\", length: 2 }"))
                .containsExactly(
                        "rung.yaml:6:51: devices[0].points[0].length: applies to string points only (length in registers)");
    }

    @Test
    void orderComesFromTheDeviceUnlessThePointSetsIt() {
        RungConfig config = new ConfigFixture(dir)
                .ok(device(
                        "\n    order: CDAB",
                        "{ name: a, address: \"holding:0\", type: float32 }\n      - { name: b, address: \"holding:2\", "
                                + "type: float64, order: BADCFEHG }"));
        List<PointConfig> points = config.devices().get(0).points();
        assertThat(config.devices().get(0).order()).isEqualTo(ByteOrder.CDAB);
        assertThat(points.get(0).order()).isEqualTo(ByteOrder.CDAB);
        assertThat(points.get(1).order()).isEqualTo(new ByteOrder("BADCFEHG"));
    }

    @Test
    void eightLetterOrderIsOnlyForSixtyFourBitPoints() {
        assertThat(problems("{ name: p, address: \"holding:0\", type: int32, order: CDABGHEF }"))
                .containsExactly(
                        "rung.yaml:6:62: devices[0].points[0].order: an eight-letter order applies to 64-bit types only "
                                + "(int64, uint64, float64), not int32");
        assertThat(new ConfigFixture(dir).problems(device("\n    order: CDABGHEF", "{ name: p, address: 40001 }")))
                .containsExactly("rung.yaml:5:12: devices[0].order: an eight-letter order applies to 64-bit values "
                        + "only; set it on those points");
        assertThat(problems("{ name: p, address: 40001, order: ACBD }"))
                .containsExactly(
                        "rung.yaml:6:43: devices[0].points[0].order: must be ABCD, CDAB, BADC, DCBA or, for 64-bit types, an "
                                + "eight-letter order such as CDABGHEF (was 'ACBD')");
    }

    @Test
    void writeOnAReadOnlyTableIsRefused() {
        assertThat(problems("{ name: p, address: 30001, write: true }"))
                .containsExactly(
                        "rung.yaml:6:43: devices[0].points[0].write: input registers and discrete inputs are read-only "
                                + "(input:0 (30001)); write: true needs a holding register or a coil");
        assertThat(point("{ name: p, address: \"coil:3\", write: true }").write())
                .isTrue();
    }

    @Test
    void scalingNumbersKeepTheirLiteralText() {
        PointConfig p = point("{ name: p, address: 40001, scale: 0.10, offset: -273.15, deadband: 0.5, "
                + "min: -10, max: 1e3, write: true, decimals: 2 }");
        assertThat(p.scale()).hasToString("0.10");
        assertThat(p.offset()).hasToString("-273.15");
        assertThat(p.deadband()).hasToString("0.5");
        assertThat(p.min()).hasValueSatisfying(v -> assertThat(v).hasToString("-10"));
        assertThat(p.max()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1000"));
        assertThat(p.decimals()).hasValue(2);
    }

    @Test
    void minAboveMaxIsRefused() {
        assertThat(problems("{ name: p, address: 40001, write: true, min: 10, max: 5 }"))
                .containsExactly("rung.yaml:6:63: devices[0].points[0].max: must not be below min (min 10, max 5)");
    }

    @Test
    void pointNamesAreOneSafeTopicLevelNotSetAndUnique() {
        assertThat(problems("{ name: set, address: 40001 }"))
                .containsExactly(
                        "rung.yaml:6:17: devices[0].points[0].name: must not be 'set': <point>/set is the command topic");
        assertThat(problems("{ name: \"a/b\", address: 40001 }"))
                .containsExactly(
                        "rung.yaml:6:17: devices[0].points[0].name: must be one topic level of letters, digits, '_', '.' "
                                + "or '-' (was 'a/b')");
        assertThat(problems("{ name: $x, address: 40001 }")).hasSize(1);
        assertThat(problems("{ name: a, address: 40001 }\n      - { name: a, address: 40002 }"))
                .containsExactly(
                        "rung.yaml:7:17: devices[0].points[1].name: name 'a' is already used by devices[0].points[0]");
    }

    @Test
    void opcUaKeysAreRefusedOnModbusPoints() {
        assertThat(problems("{ name: p, address: 40001, node: \"ns=2;i=5\" }"))
                .containsExactly(
                        "rung.yaml:6:42: devices[0].points[0].node: applies to OPC UA points only; Modbus points use address");
    }

    @Test
    void holdingOffsetThatLooksLikeAModiconNumberIsAWarning() {
        assertThat(new ConfigFixture(dir).warnings(device("{ name: p, address: \"holding:40201\" }")))
                .containsExactly(
                        "rung.yaml:6:29: warning: devices[0].points[0].address: offset 40201 looks like a Modicon number; "
                                + "if so write 40201 or holding:200 (0-based offsets)");
    }
}

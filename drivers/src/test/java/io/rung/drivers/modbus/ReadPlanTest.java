package io.rung.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.PointAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlanTest {
    private static PointAddress point(String name, Kind kind, int offset, PointType type) {
        return new PointAddress(
                "plc1", PointConfig.modbus(name, ModbusAddress.of(kind, offset)).withType(type));
    }

    private static PointAddress holding(String name, int offset, PointType type) {
        return point(name, Kind.HOLDING, offset, type);
    }

    @Test
    void nearbyPointsOfOneTableShareOneRequest() {
        ReadPlan plan = ReadPlan.of(
                List.of(
                        holding("a", 100, PointType.FLOAT32),
                        holding("b", 102, PointType.UINT16),
                        holding("c", 105, PointType.INT32),
                        holding("d", 108, PointType.UINT16),
                        holding("e", 109, PointType.INT16)),
                125,
                16);
        assertThat(plan.describe()).containsExactly("FC3 holding:100-109 (40101-40110), 10 registers, 5 points");
    }

    @Test
    void gapLargerThanMaxGapStartsNewRequest() {
        ReadPlan plan = ReadPlan.of(
                List.of(
                        holding("a", 0, PointType.UINT16),
                        holding("b", 17, PointType.UINT16),
                        holding("c", 40, PointType.UINT16)),
                125,
                16);
        assertThat(plan.describe())
                .containsExactly(
                        "FC3 holding:0-17 (40001-40018), 18 registers, 2 points",
                        "FC3 holding:40 (40041), 1 register, 1 point");
    }

    @Test
    void requestNeverExceedsMaxRegistersPerRead() {
        ReadPlan plan = ReadPlan.of(
                List.of(
                        holding("a", 0, PointType.FLOAT64),
                        holding("b", 4, PointType.FLOAT64),
                        holding("c", 8, PointType.FLOAT64)),
                10,
                16);
        assertThat(plan.blocks()).extracting(b -> b.span().count()).containsExactly(8, 4);
    }

    @Test
    void protocolLimitOf125RegistersAppliesEvenWhenConfiguredHigher() {
        ReadPlan plan =
                ReadPlan.of(List.of(holding("a", 0, PointType.UINT16), holding("b", 125, PointType.UINT16)), 500, 200);
        assertThat(plan.blocks()).hasSize(2);
    }

    @Test
    void tablesArePlannedSeparately() {
        ReadPlan plan = ReadPlan.of(
                List.of(
                        point("run", Kind.COIL, 5, PointType.BOOL),
                        point("alarm", Kind.DISCRETE, 0, PointType.BOOL),
                        point("flow", Kind.INPUT, 1, PointType.FLOAT32),
                        holding("sp", 200, PointType.UINT16),
                        point("stop", Kind.COIL, 0, PointType.BOOL)),
                125,
                16);
        assertThat(plan.describe())
                .containsExactly(
                        "FC1 coil:0-5 (00001-00006), 6 bits, 2 points",
                        "FC2 discrete:0 (10001), 1 bit, 1 point",
                        "FC4 input:1-2 (30002-30003), 2 registers, 1 point",
                        "FC3 holding:200 (40201), 1 register, 1 point");
    }

    @Test
    void bitsOfOneRegisterShareTheRegister() {
        PointAddress b0 = new PointAddress("plc1", PointConfig.modbus("b0", new ModbusAddress(Kind.HOLDING, 7, 0, 0)));
        PointAddress b3 = new PointAddress("plc1", PointConfig.modbus("b3", new ModbusAddress(Kind.HOLDING, 7, 3, 0)));
        ReadPlan plan = ReadPlan.of(List.of(b0, b3), 125, 0);
        assertThat(plan.describe()).containsExactly("FC3 holding:7 (40008), 1 register, 2 points");
    }

    @Test
    void stringUsesItsLengthInRegisters() {
        PointAddress name = new PointAddress(
                "plc1",
                PointConfig.modbus("name", ModbusAddress.of(Kind.HOLDING, 120))
                        .withType(PointType.STRING)
                        .withLength(8));
        assertThat(ReadPlan.of(List.of(name), 125, 16).describe())
                .containsExactly("FC3 holding:120-127 (40121-40128), 8 registers, 1 point");
    }

    @Test
    void stringLongerThanOneRequestIsReportedAsUnreadable() {
        PointAddress big = new PointAddress(
                "plc1",
                PointConfig.modbus("big", ModbusAddress.of(Kind.HOLDING, 0))
                        .withType(PointType.STRING)
                        .withLength(130));
        ReadPlan plan = ReadPlan.of(List.of(big), 125, 16);
        assertThat(plan.blocks()).isEmpty();
        assertThat(plan.describe())
                .containsExactly(
                        "not read: big: string of 130 registers is longer than one Modbus read (125 registers)");
    }

    @Test
    void splitHalvesTheBlockAndReplaceRemembersIt() {
        ReadPlan plan = ReadPlan.of(
                List.of(
                        holding("a", 100, PointType.UINT16), holding("b", 105, PointType.UINT16),
                        holding("c", 110, PointType.UINT16), holding("d", 111, PointType.UINT16)),
                125,
                16);
        ReadBlock block = plan.blocks().get(0);
        List<ReadBlock> halves = block.split();
        assertThat(halves)
                .extracting(ReadBlock::describe)
                .containsExactly(
                        "FC3 holding:100-105 (40101-40106), 6 registers, 2 points",
                        "FC3 holding:110-111 (40111-40112), 2 registers, 2 points");
        assertThat(plan.replace(block, halves).blocks()).isEqualTo(halves);
    }

    @Test
    void modiconNumbersUseSixDigitsAbove9999() {
        assertThat(new RegisterSpan(Kind.HOLDING, 9999, 2).toString()).isEqualTo("holding:9999-10000 (410000-410001)");
        assertThat(new RegisterSpan(Kind.COIL, 9, 1).toString()).isEqualTo("coil:9 (00010)");
    }
}

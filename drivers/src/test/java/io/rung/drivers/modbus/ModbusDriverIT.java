package io.rung.drivers.modbus;

import static io.rung.drivers.modbus.Devices.address;
import static io.rung.drivers.modbus.Devices.bit;
import static io.rung.drivers.modbus.Devices.device;
import static io.rung.drivers.modbus.Devices.modbus;
import static io.rung.drivers.modbus.Devices.point;
import static io.rung.drivers.modbus.Devices.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.ModbusAddress.Kind;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.ConversionException;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.drivers.sim.ModbusSimulator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against the Modbus simulator over loopback TCP. */
class ModbusDriverIT {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ModbusSimulator sim;
    private ModbusLines lines;
    private String url;

    @BeforeEach
    void start() throws Exception {
        sim = new ModbusSimulator(clock, 1);
        url = "tcp://127.0.0.1:" + sim.start("127.0.0.1", 0);
        lines = new ModbusLines();
    }

    @AfterEach
    void stop() {
        lines.close();
        sim.close();
    }

    private ModbusDriver driver(List<PointConfig> points) throws DriverException {
        return ModbusDriver.create(device("plc1", modbus(url, 1, Duration.ofMillis(500), 1), points), lines, clock);
    }

    private static Map<String, Sample> read(ModbusDriver driver) {
        List<Sample> samples =
                driver.read(driver.points()).orTimeout(5, TimeUnit.SECONDS).join();
        Map<String, Sample> byName = new LinkedHashMap<>();
        samples.forEach(s -> byName.put(s.point().name(), s));
        return byName;
    }

    private static Value value(Map<String, Sample> samples, String name) {
        Sample s = samples.get(name);
        assertThat(s.quality()).as("%s: %s", name, s.error()).isEqualTo(Quality.GOOD);
        return s.value().orElseThrow();
    }

    @Test
    void readsSimulatedValuesAtTheClocksTime() throws Exception {
        clock.advance(Duration.ofSeconds(15));
        sim.tick();
        ModbusDriver driver = driver(List.of(
                point("temperature", Kind.HOLDING, 100, PointType.FLOAT32),
                point("temperature-2", Kind.HOLDING, 102, PointType.FLOAT32, "CDAB"),
                point("counter", Kind.HOLDING, 104, PointType.UINT32),
                point("speed", Kind.HOLDING, 201, PointType.UINT16),
                point("running", Kind.COIL, 5, PointType.BOOL),
                point("flow", Kind.INPUT, 1, PointType.FLOAT32),
                string("name", 120, 8, "ABCD")));
        Map<String, Sample> samples = read(driver);
        assertThat(value(samples, "temperature")).isEqualTo(new Value.Float32(25.0f));
        assertThat(value(samples, "temperature-2")).isEqualTo(new Value.Float32((float)
                (18 + 3 * Math.sin(2 * Math.PI * 15 / 90))));
        assertThat(value(samples, "counter")).isEqualTo(new Value.Int(15));
        assertThat(value(samples, "speed")).isEqualTo(new Value.Int(750));
        assertThat(value(samples, "running")).isEqualTo(new Value.Bool(true));
        assertThat(value(samples, "flow")).isEqualTo(new Value.Float32(60.0f));
        assertThat(value(samples, "name")).isEqualTo(new Value.Text("Rung sim PLC-1"));
        assertThat(samples.get("temperature").sourceTime()).isEqualTo(clock.instant());
    }

    @Test
    void readsEveryTypeAndOrderFromRegistersSetOnTheDevice() throws Exception {
        int[] registers = {
            0xFFFE, // 0 int16 -2
            0xFFFE, // 1 uint16 65534
            0xFFFF,
            0xFFFF, // 2 int32 -1
            0x5E00,
            0xB2D0, // 4 uint32 CDAB 3000000000 = 0xB2D05E00
            0xFFFF,
            0xFEE0,
            0x8E04,
            0xFB35, // 6 int64 -1234567890123 = 0xFFFFFEE08E04FB35
            0x0000,
            0x08C5,
            0xA1D8,
            0xCCF9, // 10 uint64 DCBA 18000000000000000000 = 0xF9CCD8A1C5080000
            0x803F,
            0x0000, // 14 float32 BADC 1.0
            0x4044,
            0x0000,
            0x0000,
            0x0000, // 16 float64 40.0
            0x5055,
            0x4D50, // 20 string "PUMP"
            0x0008 // 22 bit 3 set
        };
        for (int i = 0; i < registers.length; i++) sim.set(Kind.HOLDING, i, registers[i]);
        ModbusDriver driver = driver(List.of(
                point("i16", Kind.HOLDING, 0, PointType.INT16),
                point("u16", Kind.HOLDING, 1, PointType.UINT16),
                point("i32", Kind.HOLDING, 2, PointType.INT32),
                point("u32", Kind.HOLDING, 4, PointType.UINT32, "CDAB"),
                point("i64", Kind.HOLDING, 6, PointType.INT64),
                point("u64", Kind.HOLDING, 10, PointType.UINT64, "DCBA"),
                point("f32", Kind.HOLDING, 14, PointType.FLOAT32, "BADC"),
                point("f64", Kind.HOLDING, 16, PointType.FLOAT64),
                string("txt", 20, 2, "ABCD"),
                bit("bit3", Kind.HOLDING, 22, 3),
                bit("bit2", Kind.HOLDING, 22, 2),
                point("scaled", Kind.HOLDING, 1, PointType.UINT16).withScale(new BigDecimal("0.01"), BigDecimal.ZERO)));
        assertThat(driver.plan().describe()).containsExactly("FC3 holding:0-22 (40001-40023), 23 registers, 12 points");
        Map<String, Sample> s = read(driver);
        assertThat(value(s, "i16")).isEqualTo(new Value.Int(-2));
        assertThat(value(s, "u16")).isEqualTo(new Value.Int(65534));
        assertThat(value(s, "i32")).isEqualTo(new Value.Int(-1));
        assertThat(value(s, "u32")).isEqualTo(new Value.Int(3_000_000_000L));
        assertThat(value(s, "i64")).isEqualTo(new Value.Int(-1_234_567_890_123L));
        assertThat(value(s, "u64")).isEqualTo(new Value.UInt64(new BigInteger("18000000000000000000")));
        assertThat(value(s, "f32")).isEqualTo(new Value.Float32(1.0f));
        assertThat(value(s, "f64")).isEqualTo(new Value.Float64(40.0));
        assertThat(value(s, "txt")).isEqualTo(new Value.Text("PUMP"));
        assertThat(value(s, "bit3")).isEqualTo(new Value.Bool(true));
        assertThat(value(s, "bit2")).isEqualTo(new Value.Bool(false));
        assertThat(value(s, "scaled")).isEqualTo(new Value.Decimal(new BigDecimal("655.34")));
    }

    @Test
    void nanIsABadSample() throws Exception {
        sim.set(Kind.HOLDING, 0, 0x7FC0);
        sim.set(Kind.HOLDING, 1, 0x0000);
        ModbusDriver driver = driver(List.of(point("f", Kind.HOLDING, 0, PointType.FLOAT32)));
        Sample s = read(driver).get("f");
        assertThat(s.quality()).isEqualTo(Quality.BAD);
        assertThat(s.error()).contains("NaN");
    }

    @Test
    void writesUseFc6Fc16Fc5AndFc15() throws Exception {
        ModbusDriver driver = driver(List.of(
                point("setpoint", Kind.HOLDING, 200, PointType.UINT16),
                point("f32", Kind.HOLDING, 40, PointType.FLOAT32, "CDAB"),
                point("i64", Kind.HOLDING, 44, PointType.INT64),
                string("txt", 50, 3, "BADC"),
                point("stop", Kind.COIL, 3, PointType.BOOL)));
        write(driver, "setpoint", new Value.Int(1200));
        write(driver, "f32", new Value.Decimal(new BigDecimal("1.0")));
        write(driver, "i64", new Value.Int(-2));
        write(driver, "txt", new Value.Text("ABCDE"));
        write(driver, "stop", new Value.Bool(true));
        assertThat(sim.get(Kind.HOLDING, 200)).isEqualTo(1200);
        assertThat(new int[] {sim.get(Kind.HOLDING, 40), sim.get(Kind.HOLDING, 41)})
                .containsExactly(0x0000, 0x3F80);
        assertThat(new int[] {sim.get(Kind.HOLDING, 44), sim.get(Kind.HOLDING, 47)})
                .containsExactly(0xFFFF, 0xFFFE);
        assertThat(new int[] {sim.get(Kind.HOLDING, 50), sim.get(Kind.HOLDING, 51), sim.get(Kind.HOLDING, 52)})
                .containsExactly(0x4241, 0x4443, 0x0045);
        assertThat(sim.get(Kind.COIL, 3)).isEqualTo(1);
        assertThat(sim.recentWrites())
                .containsExactly(
                        "FC6 holding:200 = 1200",
                        "FC16 holding:40-41",
                        "FC16 holding:44-47",
                        "FC16 holding:50-52",
                        "FC5 coil:3 = true");
        Map<String, Sample> back = read(driver);
        assertThat(value(back, "txt")).isEqualTo(new Value.Text("ABCDE"));
        assertThat(value(back, "f32")).isEqualTo(new Value.Float32(1.0f));

        ModbusDriver multiple = ModbusDriver.create(
                device(
                        "plc1m",
                        new io.rung.config.ModbusConfig(
                                url, 1, Duration.ofMillis(500), 1, 125, 16, true, Duration.ZERO),
                        List.of(
                                point("setpoint", Kind.HOLDING, 200, PointType.UINT16),
                                point("stop", Kind.COIL, 3, PointType.BOOL))),
                lines,
                clock);
        write(multiple, "setpoint", new Value.Int(900));
        write(multiple, "stop", new Value.Bool(false));
        assertThat(sim.recentWrites()).endsWith("FC16 holding:200-200", "FC15 coil:3-3");
        assertThat(sim.get(Kind.HOLDING, 200)).isEqualTo(900);
        assertThat(sim.get(Kind.COIL, 3)).isZero();
    }

    @Test
    void registerBitIsWrittenByReadModifyWrite() throws Exception {
        sim.set(Kind.HOLDING, 60, 0b1010_0000_0000_0001);
        ModbusDriver driver = driver(List.of(bit("b3", Kind.HOLDING, 60, 3), bit("b15", Kind.HOLDING, 60, 15)));
        write(driver, "b3", new Value.Bool(true));
        write(driver, "b15", new Value.Bool(false));
        assertThat(sim.get(Kind.HOLDING, 60)).isEqualTo(0b0010_0000_0000_1001);
        assertThat(sim.recentWrites()).containsExactly("FC6 holding:60 = 40969", "FC6 holding:60 = 8201");
    }

    @Test
    void valueThatDoesNotFitIsRefusedBeforeAnythingIsSent() throws Exception {
        ModbusDriver driver = driver(List.of(
                point("setpoint", Kind.HOLDING, 200, PointType.UINT16),
                point("flow", Kind.INPUT, 1, PointType.FLOAT32)));
        assertThatThrownBy(() -> driver.write(address(driver, "setpoint"), new Value.Int(70000))
                        .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ConversionException.class)
                .hasRootCauseMessage("70000 does not fit uint16 (0..65535)");
        assertThatThrownBy(() ->
                        driver.write(address(driver, "flow"), new Value.Int(1)).join())
                .hasCauseInstanceOf(DriverException.class)
                .hasRootCauseMessage("input:1-2 (30002-30003) is read-only (input values cannot be written)");
        assertThat(sim.recentWrites()).isEmpty();
    }

    @Test
    void illegalAddressSplitsTheBlockAndOnlyTheMissingPointIsBad() throws Exception {
        ModbusDriver driver = driver(List.of(
                point("a", Kind.HOLDING, 185, PointType.UINT16),
                point("missing", Kind.HOLDING, 195, PointType.UINT16),
                point("setpoint", Kind.HOLDING, 200, PointType.UINT16)));
        assertThat(driver.plan().describe())
                .containsExactly("FC3 holding:185-200 (40186-40201), 16 registers, 3 points");
        Map<String, Sample> s = read(driver);
        assertThat(value(s, "a")).isEqualTo(new Value.Int(0));
        assertThat(value(s, "setpoint")).isEqualTo(new Value.Int(750));
        assertThat(s.get("missing").quality()).isEqualTo(Quality.BAD);
        assertThat(s.get("missing").error()).contains("illegal data address holding:195 (40196)");
        assertThat(driver.plan().describe())
                .containsExactly(
                        "FC3 holding:185 (40186), 1 register, 1 point",
                        "FC3 holding:195 (40196), 1 register, 1 point",
                        "FC3 holding:200 (40201), 1 register, 1 point");
        assertThat(read(driver).get("setpoint").quality()).isEqualTo(Quality.GOOD);
    }

    private static void write(ModbusDriver driver, String point, Value value) {
        PointAddress p = address(driver, point);
        driver.write(p, value).orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void connectionRefusedIsReportedInWords() throws Exception {
        int port = sim.port();
        sim.close();
        ModbusDriver driver = driver(List.of(point("a", Kind.HOLDING, 0, PointType.UINT16)));
        assertThatThrownBy(() -> driver.connect().orTimeout(5, TimeUnit.SECONDS).join())
                .hasCauseInstanceOf(DriverException.class)
                .hasMessageContaining("connection refused by 127.0.0.1:" + port);
        assertThat(driver.state().state()).isEqualTo(io.rung.drivers.api.DriverState.State.FAILED);
        assertThat(driver.state().error()).isEqualTo(Optional.of("connection refused by 127.0.0.1:" + port));
    }
}

package io.rung.drivers.modbus;

import static io.rung.drivers.modbus.Devices.address;
import static io.rung.drivers.modbus.Devices.bit;
import static io.rung.drivers.modbus.Devices.device;
import static io.rung.drivers.modbus.Devices.modbus;
import static io.rung.drivers.modbus.Devices.point;
import static io.rung.drivers.modbus.Devices.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ModbusAddress.Kind;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against pymodbus, an independent Modbus implementation, over Modbus TCP and RTU over TCP. */
class PymodbusPeerIT {
    private final ModbusLines lines = new ModbusLines();

    @AfterEach
    void close() {
        lines.close();
    }

    private static final List<PointConfig> EVERY_TYPE = List.of(
            point("i16", Kind.HOLDING, 0, PointType.INT16),
            point("u16", Kind.HOLDING, 1, PointType.UINT16),
            point("i32", Kind.HOLDING, 2, PointType.INT32),
            point("u32", Kind.HOLDING, 4, PointType.UINT32, "CDAB"),
            point("i64", Kind.HOLDING, 6, PointType.INT64),
            point("u64", Kind.HOLDING, 10, PointType.UINT64, "DCBA"),
            point("f32b", Kind.HOLDING, 14, PointType.FLOAT32, "BADC"),
            point("f32", Kind.HOLDING, 16, PointType.FLOAT32),
            point("f64", Kind.HOLDING, 18, PointType.FLOAT64),
            string("txt", 22, 4, "ABCD"),
            bit("b13", Kind.HOLDING, 26, 13),
            bit("b14", Kind.HOLDING, 26, 14),
            point("co1", Kind.COIL, 1, PointType.BOOL),
            point("di2", Kind.DISCRETE, 2, PointType.BOOL),
            point("ir5", Kind.INPUT, 5, PointType.UINT16),
            point("scaled", Kind.INPUT, 7, PointType.UINT16).withScale(new BigDecimal("0.1"), BigDecimal.ZERO),
            point("w-u16", Kind.HOLDING, 40, PointType.UINT16),
            point("w-f32", Kind.HOLDING, 41, PointType.FLOAT32, "CDAB"),
            point("w-i64", Kind.HOLDING, 43, PointType.INT64),
            bit("w-bit", Kind.HOLDING, 47, 4),
            point("w-coil", Kind.COIL, 9, PointType.BOOL));

    private ModbusDriver driver(String url, boolean writeMultiple) throws Exception {
        ModbusConfig modbus = new ModbusConfig(url, 1, Duration.ofSeconds(2), 1, 125, 16, writeMultiple, Duration.ZERO);
        return ModbusDriver.create(device("py", modbus, EVERY_TYPE), lines, Clock.systemUTC());
    }

    private static Map<String, Value> read(ModbusDriver driver) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Sample s :
                driver.read(driver.points()).orTimeout(10, TimeUnit.SECONDS).join()) {
            assertThat(s.quality()).as("%s: %s", s.point().name(), s.error()).isEqualTo(Quality.GOOD);
            values.put(s.point().name(), s.value().orElseThrow());
        }
        return values;
    }

    private static void assertEveryType(Map<String, Value> v) {
        assertThat(v.get("i16")).isEqualTo(new Value.Int(-12345));
        assertThat(v.get("u16")).isEqualTo(new Value.Int(54321));
        assertThat(v.get("i32")).isEqualTo(new Value.Int(-123456789));
        assertThat(v.get("u32")).isEqualTo(new Value.Int(3_000_000_000L));
        assertThat(v.get("i64")).isEqualTo(new Value.Int(-1_234_567_890_123L));
        assertThat(v.get("u64")).isEqualTo(new Value.UInt64(new BigInteger("18000000000000000000")));
        assertThat(v.get("f32b")).isEqualTo(new Value.Float32(-273.15f));
        assertThat(v.get("f32")).isEqualTo(new Value.Float32(21.5f));
        assertThat(v.get("f64")).isEqualTo(new Value.Float64(6.02214076e23));
        assertThat(v.get("txt")).isEqualTo(new Value.Text("pymodbus"));
        assertThat(v.get("b13")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("b14")).isEqualTo(new Value.Bool(false));
        assertThat(v.get("co1")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("di2")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("ir5")).isEqualTo(new Value.Int(105));
        assertThat(v.get("scaled")).isEqualTo(new Value.Decimal(new BigDecimal("10.7")));
    }

    private static void write(ModbusDriver driver, String point, Value value) {
        driver.write(address(driver, point), value)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void readsEveryTypeAndWritesOverModbusTcp() throws Exception {
        try (PymodbusPeer peer = PymodbusPeer.start("socket")) {
            ModbusDriver driver = driver("tcp://127.0.0.1:" + peer.port(), false);
            assertEveryType(read(driver));

            write(driver, "w-u16", new Value.Int(65535));
            write(driver, "w-f32", new Value.Float32(-1.5f));
            write(driver, "w-i64", new Value.Int(-2));
            write(driver, "w-bit", new Value.Bool(true));
            write(driver, "w-coil", new Value.Bool(true));
            // checked with pymodbus' own client: -1.5f is 0xBFC00000, word-swapped
            assertThat(peer.read("holding", 40, 8))
                    .containsExactly(65535, 0x0000, 0xBFC0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE, 0x0010);
            assertThat(peer.read("coil", 8, 2)).containsExactly(0, 1);
            Map<String, Value> back = read(driver);
            assertThat(back.get("w-f32")).isEqualTo(new Value.Float32(-1.5f));
            assertThat(back.get("w-bit")).isEqualTo(new Value.Bool(true));
        }
    }

    @Test
    void writesWithFc15AndFc16WhenWriteMultipleIsSet() throws Exception {
        try (PymodbusPeer peer = PymodbusPeer.start("socket")) {
            ModbusDriver driver = driver("tcp://127.0.0.1:" + peer.port(), true);
            write(driver, "w-u16", new Value.Int(4321));
            write(driver, "w-coil", new Value.Bool(true));
            assertThat(peer.read("holding", 40, 1)).containsExactly(4321);
            assertThat(peer.read("coil", 9, 1)).containsExactly(1);
        }
    }

    @Test
    void readsAndWritesRtuFramesOverTcp() throws Exception {
        try (PymodbusPeer peer = PymodbusPeer.start("rtu")) {
            ModbusDriver driver = driver("rtu+tcp://127.0.0.1:" + peer.port(), false);
            assertEveryType(read(driver));
            write(driver, "w-u16", new Value.Int(777));
            assertThat(read(driver).get("w-u16")).isEqualTo(new Value.Int(777));
        }
    }
}

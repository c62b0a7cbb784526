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
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState.State;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's {@code rtu:///dev/pts/N} transport against pymodbus' RTU slave (units 1 and 2) on the other end of
 * a socat pty pair: reads and writes of several types, two units sharing one line, a missing unit, broadcast
 * refused. Writes are checked with pymodbus' own client over the TCP side of the same registers.
 */
class RtuSerialIT {
    private static final int BAUD = 19200;

    private final ModbusLines lines = new ModbusLines();
    private PtyPair pty;
    private PymodbusPeer peer;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open();
        try {
            peer = PymodbusPeer.startSerial(pty.second(), BAUD);
        } catch (Exception | AssertionError e) {
            pty.close();
            throw e;
        }
    }

    @AfterEach
    void stop() throws Exception {
        lines.close();
        try {
            peer.close();
        } finally {
            pty.close();
        }
    }

    private String url() {
        return "rtu://" + pty.first() + "?baud=" + BAUD + "&parity=none&data=8&stop=1";
    }

    private ModbusDriver driver(String name, int unit, List<PointConfig> points) throws DriverException {
        return ModbusDriver.create(
                device(name, modbus(url(), unit, Duration.ofMillis(800), 1), points), lines, Clock.systemUTC());
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

    private static void write(ModbusDriver driver, String point, Value value) {
        driver.write(address(driver, point), value)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private static List<PointConfig> unitPoints() {
        return List.of(
                point("unit", Kind.HOLDING, 30, PointType.UINT16),
                point("ir5", Kind.INPUT, 5, PointType.UINT16),
                point("w-u16", Kind.HOLDING, 40, PointType.UINT16));
    }

    @Test
    void readsSeveralTypesOverASerialLine() throws Exception {
        ModbusDriver driver = driver(
                "rtu1",
                1,
                List.of(
                        point("i16", Kind.HOLDING, 0, PointType.INT16),
                        point("u32", Kind.HOLDING, 4, PointType.UINT32, "CDAB"),
                        point("u64", Kind.HOLDING, 10, PointType.UINT64, "DCBA"),
                        point("f32b", Kind.HOLDING, 14, PointType.FLOAT32, "BADC"),
                        point("f64", Kind.HOLDING, 18, PointType.FLOAT64),
                        string("txt", 22, 4, "ABCD"),
                        bit("b15", Kind.HOLDING, 26, 15),
                        point("co1", Kind.COIL, 1, PointType.BOOL),
                        point("di3", Kind.DISCRETE, 3, PointType.BOOL),
                        point("ir7", Kind.INPUT, 7, PointType.UINT16)));

        Map<String, Value> v = read(driver);

        assertThat(driver.state().state()).isEqualTo(State.CONNECTED);
        assertThat(v.get("i16")).isEqualTo(new Value.Int(-12345));
        assertThat(v.get("u32")).isEqualTo(new Value.Int(3_000_000_000L));
        assertThat(v.get("u64")).isEqualTo(new Value.UInt64(new BigInteger("18000000000000000000")));
        assertThat(v.get("f32b")).isEqualTo(new Value.Float32(-273.15f));
        assertThat(v.get("f64")).isEqualTo(new Value.Float64(6.02214076e23));
        assertThat(v.get("txt")).isEqualTo(new Value.Text("pymodbus"));
        assertThat(v.get("b15")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("co1")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("di3")).isEqualTo(new Value.Bool(true));
        assertThat(v.get("ir7")).isEqualTo(new Value.Int(107));
    }

    @Test
    void writesSeveralTypesOverASerialLine() throws Exception {
        ModbusDriver driver = driver(
                "rtu1",
                1,
                List.of(
                        point("w-u16", Kind.HOLDING, 40, PointType.UINT16),
                        point("w-f32", Kind.HOLDING, 41, PointType.FLOAT32, "CDAB"),
                        point("w-i64", Kind.HOLDING, 43, PointType.INT64),
                        bit("w-bit", Kind.HOLDING, 47, 4),
                        point("w-coil", Kind.COIL, 9, PointType.BOOL)));

        write(driver, "w-u16", new Value.Int(40000));
        write(driver, "w-f32", new Value.Float32(-1.5f));
        write(driver, "w-i64", new Value.Int(-2));
        write(driver, "w-bit", new Value.Bool(true));
        write(driver, "w-coil", new Value.Bool(true));

        // -1.5f is 0xBFC00000, word-swapped; -2 as int64 is FFFF FFFF FFFF FFFE; bit 4 is 0x0010
        assertThat(peer.read("holding", 40, 8, 1))
                .containsExactly(40000, 0x0000, 0xBFC0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE, 0x0010);
        assertThat(peer.read("coil", 8, 2, 1)).containsExactly(0, 1);
        assertThat(read(driver))
                .containsEntry("w-f32", new Value.Float32(-1.5f))
                .containsEntry("w-i64", new Value.Int(-2))
                .containsEntry("w-bit", new Value.Bool(true));
    }

    @Test
    void twoUnitsShareOneSerialConnection() throws Exception {
        ModbusDriver one = driver("plc1", 1, unitPoints());
        ModbusDriver two = driver("plc2", 2, unitPoints());
        assertThat(lines.size()).isEqualTo(1);

        // requests of both devices in flight at once: the line serialises them and each gets its own unit's answer
        List<CompletableFuture<List<Sample>>> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reads.add(one.read(one.points()));
            reads.add(two.read(two.points()));
        }
        for (int i = 0; i < reads.size(); i++) {
            List<Sample> samples = reads.get(i).orTimeout(20, TimeUnit.SECONDS).join();
            long unit = i % 2 + 1;
            assertThat(samples.get(0).value()).hasValue(new Value.Int(unit));
            assertThat(samples.get(1).value()).hasValue(new Value.Int(100 * unit + 5));
        }

        write(two, "w-u16", new Value.Int(4242));
        assertThat(peer.read("holding", 40, 1, 2)).containsExactly(4242);
        assertThat(peer.read("holding", 40, 1, 1)).containsExactly(0);
    }

    @Test
    void missingUnitTimesOutWhileTheOtherUnitOfTheLineAnswers() throws Exception {
        ModbusDriver alive = driver("plc1", 1, unitPoints());
        ModbusDriver missing = driver("plc3", 3, unitPoints());

        assertThatThrownBy(() -> missing.read(missing.points())
                        .orTimeout(10, TimeUnit.SECONDS)
                        .join())
                .hasCauseInstanceOf(DriverException.class)
                .hasMessageContaining("timeout after 800 ms");
        assertThat(missing.state().state()).isEqualTo(State.FAILED);
        assertThat(read(alive)).containsEntry("unit", new Value.Int(1));
        assertThat(alive.state().state()).isEqualTo(State.CONNECTED);
    }

    @Test
    void broadcastUnitZeroIsRefusedOnASerialLine() {
        assertThatThrownBy(() -> driver("all", 0, unitPoints()))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("unit 0 (broadcast) is not allowed on RTU line " + pty.first());
        assertThat(lines.size()).isZero();
    }
}

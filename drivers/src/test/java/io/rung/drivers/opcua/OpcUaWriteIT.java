package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.NS;
import static io.rung.drivers.opcua.OpcUaTestSupport.anonymous;
import static io.rung.drivers.opcua.OpcUaTestSupport.device;
import static io.rung.drivers.opcua.OpcUaTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.PointConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Value;
import io.rung.drivers.sim.OpcUaSimulator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writes of each writable type, converted to the node's data type, and refusals in words. */
class OpcUaWriteIT {
    @TempDir
    static Path dir;

    static OpcUaSimulator sim;
    static Driver driver;

    @BeforeAll
    static void start() throws Exception {
        sim = new OpcUaSimulator();
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
        driver = new OpcUaDriver(device(anonymous(sim.url()), List.of()), dir.resolve("pki"), "edge-1");
        driver.connect().join();
    }

    @AfterAll
    static void stop() {
        driver.close();
        sim.close();
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of("Types.Boolean", new Value.Bool(false), new Value.Bool(false)),
                Arguments.of("Types.SByte", new Value.Int(-100), new Value.Int(-100)),
                Arguments.of("Types.Byte", new Value.Int(255), new Value.Int(255)),
                Arguments.of("Types.Int16", new Value.Float64(-300.0), new Value.Int(-300)),
                Arguments.of("Types.UInt16", new Value.Int(65535), new Value.Int(65535)),
                Arguments.of("Types.Int32", new Value.Decimal(new BigDecimal("1200")), new Value.Int(1200)),
                Arguments.of("Types.UInt32", new Value.Int(4_000_000_000L), new Value.Int(4_000_000_000L)),
                Arguments.of("Types.Int64", new Value.Int(Long.MIN_VALUE), new Value.Int(Long.MIN_VALUE)),
                Arguments.of(
                        "Types.UInt64",
                        new Value.UInt64(new BigInteger("18446744073709551615")),
                        new Value.UInt64(new BigInteger("18446744073709551615"))),
                Arguments.of("Types.Float", new Value.Float64(0.1), new Value.Float32(0.1f)),
                Arguments.of("Types.Double", new Value.Int(42), new Value.Float64(42.0)),
                Arguments.of("Types.String", new Value.Text("pump B"), new Value.Text("pump B")),
                Arguments.of(
                        "Types.DateTime",
                        new Value.Text("2027-03-04T05:06:07Z"),
                        new Value.Time(Instant.parse("2027-03-04T05:06:07Z"))),
                Arguments.of("Types.LocalizedText", new Value.Text("Hallo"), new Value.Text("Hallo")),
                Arguments.of(
                        "Types.Guid",
                        new Value.Text("00000000-0000-0000-0000-000000000001"),
                        new Value.Text("00000000-0000-0000-0000-000000000001")),
                Arguments.of(
                        "Types.DoubleArray",
                        new Value.Array(List.of(new Value.Int(7), new Value.Float64(8.5))),
                        new Value.Array(List.of(new Value.Float64(7.0), new Value.Float64(8.5)))),
                Arguments.of("Tank1.Valve", new Value.Bool(true), new Value.Bool(true)),
                Arguments.of("Tank1.Setpoint", new Value.Float64(61.5), new Value.Float64(61.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writeIsConvertedToTheNodeDataType(String node, Value written, Value readBack) {
        PointAddress point = address(point("p", NS + "s=" + node));
        driver.write(point, written).join();
        assertThat(driver.read(List.of(point)).join().get(0).value()).contains(readBack);
    }

    @Test
    void byteStringWriteTakesBytes() {
        PointAddress point = address(point("p", NS + "s=Types.ByteString"));
        driver.write(point, new Value.Bytes(new byte[] {9, 8})).join();
        Value v = driver.read(List.of(point)).join().get(0).value().orElseThrow();
        assertThat(((Value.Bytes) v).value()).containsExactly(9, 8);
    }

    @Test
    void scaledPointWritesTheRawValue() {
        PointConfig scaled = point("p", NS + "s=Types.Int32").withScale(new BigDecimal("0.1"), BigDecimal.ZERO);
        driver.write(address(scaled), new Value.Decimal(new BigDecimal("12.3"))).join();
        assertThat(driver.read(List.of(address(point("raw", NS + "s=Types.Int32"))))
                        .join()
                        .get(0)
                        .value())
                .contains(new Value.Int(123));
        assertThat(driver.read(List.of(address(scaled))).join().get(0).value())
                .contains(new Value.Decimal(new BigDecimal("12.3")));
    }

    @Test
    void readOnlyNodeIsNotWritableInWords() {
        assertRefused(
                point("counter", "ns=2;s=Tank1.Counter"),
                new Value.Int(5),
                "node ns=2;s=Tank1.Counter is not writable (Bad_NotWritable)");
    }

    @Test
    void anonymousUserMayNotWriteTheInterlock() {
        assertRefused(
                point("interlock", NS + "s=Tank1.Interlock"),
                new Value.Bool(true),
                "node " + NS + "s=Tank1.Interlock may not be accessed by this user (Bad_UserAccessDenied)");
    }

    @Test
    void valueThatDoesNotFitTheTypeIsRefusedBeforeSending() {
        assertRefused(
                point("int16", NS + "s=Types.Int16"),
                new Value.Int(70000),
                "node " + NS + "s=Types.Int16: Int16 must be between -32768 and 32767 (was 70000)");
        assertRefused(
                point("int32", NS + "s=Types.Int32"),
                new Value.Float64(1.5),
                "node " + NS + "s=Types.Int32: 1.5 is not a whole number (the node is Int32)");
        assertRefused(
                point("bool", NS + "s=Types.Boolean"),
                new Value.Text("yes"),
                "node " + NS + "s=Types.Boolean: 'yes' is not a boolean (the node is Boolean)");
    }

    @Test
    void scalarForAnArrayNodeIsATypeMismatch() {
        assertRefused(
                point("array", NS + "s=Types.DoubleArray"),
                new Value.Float64(1.0),
                "node " + NS + "s=Types.DoubleArray does not accept a value of this type (Bad_TypeMismatch)");
    }

    @Test
    void missingNodeIsNamed() {
        assertRefused(
                point("missing", NS + "s=Nope"),
                new Value.Int(1),
                "node " + NS + "s=Nope does not exist on the server (Bad_NodeIdUnknown)");
    }

    private static void assertRefused(PointConfig point, Value value, String message) {
        assertThatThrownBy(() -> driver.write(address(point), value).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(DriverException.class)
                .hasMessage(message);
    }

    private static PointAddress address(PointConfig p) {
        return new PointAddress("tank", p.withWrite(true, Optional.empty(), Optional.empty()));
    }
}

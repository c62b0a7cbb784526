package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.NS;
import static io.rung.drivers.opcua.OpcUaTestSupport.addresses;
import static io.rung.drivers.opcua.OpcUaTestSupport.anonymous;
import static io.rung.drivers.opcua.OpcUaTestSupport.device;
import static io.rung.drivers.opcua.OpcUaTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.drivers.sim.OpcUaSimulator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in type of the simulator, read with the Read service and received through monitored items. */
class OpcUaReadIT {
    @TempDir
    static Path dir;

    static OpcUaSimulator sim;

    static final List<PointConfig> TYPES = List.of(
            point("boolean", NS + "s=Types.Boolean"),
            point("sbyte", NS + "s=Types.SByte"),
            point("byte", NS + "s=Types.Byte"),
            point("int16", NS + "s=Types.Int16"),
            point("uint16", NS + "s=Types.UInt16"),
            point("int32", NS + "s=Types.Int32"),
            point("uint32", NS + "s=Types.UInt32"),
            point("int64", NS + "s=Types.Int64"),
            point("uint64", NS + "s=Types.UInt64"),
            point("float", NS + "s=Types.Float"),
            point("double", NS + "s=Types.Double"),
            point("string", NS + "s=Types.String"),
            point("datetime", NS + "s=Types.DateTime"),
            point("bytestring", NS + "s=Types.ByteString"),
            point("localizedtext", NS + "s=Types.LocalizedText"),
            point("guid", NS + "s=Types.Guid"),
            point("array", NS + "s=Types.DoubleArray"),
            point("profile", "ns=2;s=Tank1.Profile"),
            point("numeric-id", "ns=2;i=1001"),
            point("guid-id", "ns=2;g=7d4c3f2e-0b1a-4c5d-9e8f-a1b2c3d4e5f6"),
            point("opaque-id", "ns=2;b=cnVuZw=="));

    static final Map<String, Value> EXPECTED = Map.ofEntries(
            Map.entry("boolean", new Value.Bool(true)),
            Map.entry("sbyte", new Value.Int(-8)),
            Map.entry("byte", new Value.Int(200)),
            Map.entry("int16", new Value.Int(-1234)),
            Map.entry("uint16", new Value.Int(54321)),
            Map.entry("int32", new Value.Int(-123456)),
            Map.entry("uint32", new Value.Int(3_000_000_000L)),
            Map.entry("int64", new Value.Int(-9_000_000_000L)),
            Map.entry("uint64", new Value.UInt64(new BigInteger("18000000000000000000"))),
            Map.entry("float", new Value.Float32(1.25f)),
            Map.entry("double", new Value.Float64(3.5)),
            Map.entry("string", new Value.Text("hello")),
            Map.entry("datetime", new Value.Time(Instant.parse("2026-01-02T03:04:05Z"))),
            Map.entry("localizedtext", new Value.Text("Hello")),
            Map.entry("guid", new Value.Text("7d4c3f2e-0b1a-4c5d-9e8f-a1b2c3d4e5f6")),
            Map.entry("array", new Value.Array(List.of(new Value.Float64(1.5), new Value.Float64(2.5)))),
            Map.entry(
                    "profile",
                    new Value.Array(
                            List.of(new Value.Int(10), new Value.Int(20), new Value.Int(30), new Value.Int(40)))),
            Map.entry("numeric-id", new Value.Float64(1001.5)),
            Map.entry("guid-id", new Value.Int(42)),
            Map.entry("opaque-id", new Value.Text("opaque")));

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = new OpcUaSimulator();
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void readConvertsEveryBuiltInType() {
        DeviceConfig device = device(anonymous(sim.url()), TYPES);
        try (Driver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.connect().join();
            List<Sample> samples = driver.read(addresses(device)).join();
            assertThat(samples).hasSize(TYPES.size());
            assertThat(samples)
                    .allSatisfy(
                            s -> assertThat(s.quality()).as(s.point().name()).isEqualTo(Quality.GOOD));
            assertMatches(
                    samples.stream().collect(Collectors.toMap(s -> s.point().name(), Function.identity())));
        }
    }

    @Test
    void subscriptionDeliversEveryBuiltInType() {
        DeviceConfig device = device(anonymous(sim.url()), TYPES);
        OpcUaTestSupport.Samples samples = new OpcUaTestSupport.Samples();
        try (Driver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.connect().join();
            driver.subscribe(addresses(device), Duration.ofMillis(100), samples);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TYPES.stream()
                            .allMatch(p -> samples.latest(p.name()).isPresent()));
            assertMatches(TYPES.stream()
                    .collect(Collectors.toMap(
                            PointConfig::name, p -> samples.latest(p.name()).orElseThrow())));
        }
    }

    @Test
    void subscriptionFollowsChangingValuesWithSourceTimestamps() {
        DeviceConfig device = device(
                anonymous(sim.url()),
                List.of(
                        point("level", NS + "s=Tank1.Level"),
                        point("counter", NS + "s=Tank1.Counter"),
                        point("temperature", NS + "s=Boiler.Temperature")));
        OpcUaTestSupport.Samples samples = new OpcUaTestSupport.Samples();
        try (Driver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.connect().join();
            driver.subscribe(addresses(device), Duration.ofMillis(100), samples);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> samples.of("counter").stream()
                                    .map(Sample::value)
                                    .distinct()
                                    .count()
                            >= 3);
            Sample counter = samples.latest("counter").orElseThrow();
            assertThat(counter.value()).get().isInstanceOf(Value.Int.class);
            assertThat(counter.sourceTime())
                    .isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
            assertThat(samples.latest("temperature").orElseThrow().value())
                    .get()
                    .isInstanceOf(Value.Float32.class);
            assertThat(samples.latest("level").orElseThrow().value()).get().isInstanceOf(Value.Float64.class);
        }
    }

    @Test
    void gatewayTimestampsUseTheInjectedClock() {
        Instant fixed = Instant.parse("2030-05-06T07:08:09Z");
        DeviceConfig device = device(
                anonymous(sim.url()), DeviceConfig.Timestamps.GATEWAY, List.of(point("double", NS + "s=Types.Double")));
        try (Driver driver = new OpcUaDriver(
                device, dir.resolve("pki"), "edge-1", java.time.Clock.fixed(fixed, java.time.ZoneOffset.UTC))) {
            driver.connect().join();
            assertThat(driver.read(addresses(device)).join().get(0).sourceTime())
                    .isEqualTo(fixed);
        }
    }

    @Test
    void statusCodesBecomeQualityWithErrorsInWords() {
        DeviceConfig device = device(
                anonymous(sim.url()),
                List.of(
                        point("uncertain", NS + "s=Diagnostics.Uncertain"),
                        point("bad", NS + "s=Diagnostics.Bad"),
                        point("missing", NS + "s=No.Such.Node"),
                        point("unknown-namespace", "nsu=urn:nowhere;s=X"),
                        point("garbage", "Tank1.Level")));
        try (Driver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.connect().join();
            List<Sample> samples = driver.read(addresses(device)).join();
            assertThat(samples.get(0).quality()).isEqualTo(Quality.STALE);
            assertThat(samples.get(0).value()).contains(new Value.Float64(7.5));
            assertThat(samples.get(0).error()).get().asString().contains("last usable value");
            assertThat(samples.get(1).quality()).isEqualTo(Quality.BAD);
            assertThat(samples.get(1).error())
                    .contains("node " + NS + "s=Diagnostics.Bad reports a sensor failure (Bad_SensorFailure)");
            assertThat(samples.get(2).error())
                    .contains("node " + NS + "s=No.Such.Node does not exist on the server (Bad_NodeIdUnknown)");
            assertThat(samples.get(3).error())
                    .contains("node nsu=urn:nowhere;s=X: the server has no namespace " + "'urn:nowhere'");
            assertThat(samples.get(4).error()).get().asString().startsWith("node 'Tank1.Level' is not a valid node id");
        }
    }

    @Test
    void stateChangesAreReported() {
        DeviceConfig device = device(anonymous(sim.url()), List.of(point("double", NS + "s=Types.Double")));
        OpcUaTestSupport.States states = new OpcUaTestSupport.States();
        Driver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1");
        driver.onStateChange(states);
        driver.connect().join();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> states.last()
                        .map(DriverState::state)
                        .equals(java.util.Optional.of(DriverState.State.CONNECTED)));
        driver.close();
        assertThat(states.all().stream().map(DriverState::state))
                .containsSubsequence(
                        DriverState.State.CONNECTING, DriverState.State.CONNECTED, DriverState.State.DISCONNECTED);
    }

    private static void assertMatches(Map<String, Sample> byName) {
        EXPECTED.forEach(
                (name, value) -> assertThat(byName.get(name).value()).as(name).contains(value));
        Value bytes = byName.get("bytestring").value().orElseThrow();
        assertThat(bytes).isInstanceOf(Value.Bytes.class);
        assertThat(Arrays.equals(((Value.Bytes) bytes).value(), new byte[] {1, 2, 3}))
                .isTrue();
    }
}

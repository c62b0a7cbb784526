package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.addresses;
import static io.rung.drivers.opcua.OpcUaTestSupport.anonymous;
import static io.rung.drivers.opcua.OpcUaTestSupport.device;
import static io.rung.drivers.opcua.OpcUaTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against an independent server implementation (node-opcua), not only against Milo. */
class OpcUaNodeServerIT {
    static final String NS = "nsu=urn:rung:test:node-opcua;s=Plant.";

    @TempDir
    static Path dir;

    static NodeOpcUaServer server;
    static OpcUaDriver driver;

    static final List<PointConfig> POINTS = List.of(
            point("pressure", NS + "Pressure"),
            point("enabled", NS + "Enabled"),
            point("speed", NS + "Speed"),
            point("label", NS + "Label"),
            point("ratio", NS + "Ratio"),
            point("ticks", NS + "Ticks"));

    @BeforeAll
    static void start() throws Exception {
        server = NodeOpcUaServer.start(dir);
        driver = new OpcUaDriver(device(anonymous(server.url()), POINTS), dir.resolve("pki"), "edge-1");
        driver.connect().join();
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.close();
        if (server != null) server.close();
    }

    @Test
    void readsEachTypeFromNodeOpcUa() {
        List<Sample> samples =
                driver.read(addresses(device(anonymous(server.url()), POINTS))).join();
        assertThat(samples).allSatisfy(s -> assertThat(s.quality()).isEqualTo(Quality.GOOD));
        assertThat(samples.get(0).value()).contains(new Value.Float64(4.25));
        assertThat(samples.get(3).value()).get().isInstanceOf(Value.Text.class);
        assertThat(samples.get(4).value()).get().isInstanceOf(Value.Float32.class);
        assertThat(samples.get(5).value()).get().isInstanceOf(Value.Int.class);
    }

    @Test
    void subscriptionSeesTicksChange() {
        DeviceConfig device = device(anonymous(server.url()), List.of(point("ticks", NS + "Ticks")));
        OpcUaTestSupport.Samples samples = new OpcUaTestSupport.Samples();
        Driver.Subscription sub = driver.subscribe(addresses(device), Duration.ofMillis(100), samples)
                .orElseThrow();
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> samples.of("ticks").stream()
                                    .map(Sample::value)
                                    .distinct()
                                    .count()
                            >= 3);
        } finally {
            sub.close();
        }
    }

    @Test
    void writesAreConvertedToTheNodeTypes() {
        write("speed", new Value.Float64(1500.0));
        write("enabled", new Value.Bool(true));
        write("label", new Value.Text("pump B"));
        write("ratio", new Value.Float64(0.75));
        List<Sample> samples = driver.read(
                        List.of(address("speed"), address("enabled"), address("label"), address("ratio")))
                .join();
        assertThat(samples.stream().map(s -> s.value().orElseThrow()))
                .containsExactly(
                        new Value.Int(1500), new Value.Bool(true), new Value.Text("pump B"), new Value.Float32(0.75f));
    }

    @Test
    void readOnlyNodeIsRefusedInWords() {
        assertThatThrownBy(() -> driver.write(address("pressure"), new Value.Float64(1.0))
                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(DriverException.class)
                .hasMessageStartingWith("node " + NS + "Pressure ");
    }

    private static void write(String name, Value value) {
        driver.write(address(name), value).join();
    }

    private static PointAddress address(String name) {
        PointConfig p =
                POINTS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        return new PointAddress("tank", p.withWrite(true, Optional.empty(), Optional.empty()));
    }
}

package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.NS;
import static io.rung.drivers.opcua.OpcUaTestSupport.addresses;
import static io.rung.drivers.opcua.OpcUaTestSupport.anonymous;
import static io.rung.drivers.opcua.OpcUaTestSupport.device;
import static io.rung.drivers.opcua.OpcUaTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.DeviceConfig;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.sim.OpcUaSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that dies and comes back: points go bad, then values flow again through one set of monitored items. */
class OpcUaReconnectIT {
    @TempDir
    Path dir;

    OpcUaSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) sim.close();
    }

    @Test
    void serverRestartMidRunRecreatesTheSubscriptionWithoutDuplicates() throws Exception {
        sim = new OpcUaSimulator();
        int port = sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
        DeviceConfig device = device(
                anonymous(sim.url()),
                List.of(
                        point("counter", NS + "s=Tank1.Counter"),
                        point("level", NS + "s=Tank1.Level"),
                        point("setpoint", NS + "s=Tank1.Setpoint")));
        OpcUaTestSupport.Samples samples = new OpcUaTestSupport.Samples();
        OpcUaTestSupport.States states = new OpcUaTestSupport.States();
        try (OpcUaDriver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.onStateChange(states);
            driver.connect().join();
            driver.subscribe(addresses(device), Duration.ofMillis(100), samples);
            await().atMost(Duration.ofSeconds(10)).until(() -> goodCount(samples, "counter") >= 2);
            assertThat(sim.monitoredItemCount()).isEqualTo(3);

            sim.close();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> samples.latest("counter").map(Sample::quality).equals(Optional.of(Quality.BAD)));
            assertThat(samples.latest("setpoint").orElseThrow().quality()).isEqualTo(Quality.BAD);
            assertThat(samples.latest("counter").orElseThrow().error())
                    .contains("connection to " + sim.url() + " lost; reconnecting");
            assertThat(states.last().map(DriverState::state)).contains(DriverState.State.DISCONNECTED);

            sim = restartOnSamePort(port);
            samples.clear();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> goodCount(samples, "counter") >= 2
                            && samples.latest("setpoint").map(Sample::quality).equals(Optional.of(Quality.GOOD)));
            assertThat(states.last().map(DriverState::state)).contains(DriverState.State.CONNECTED);
            assertThat(sim.monitoredItemCount()).isEqualTo(3);
            assertThat(driver.monitoredItemsPerSubscription()).containsExactly(3);
        }
    }

    @Test
    void readFailsWhileDisconnectedAndWorksAfterRecovery() throws Exception {
        sim = new OpcUaSimulator();
        int port = sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
        DeviceConfig device = device(anonymous(sim.url()), List.of(point("level", NS + "s=Tank1.Level")));
        try (OpcUaDriver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            driver.connect().join();
            sim.close();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> driver.read(addresses(device))
                            .handle((ok, ex) -> ex != null)
                            .join());
            sim = restartOnSamePort(port);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.read(addresses(device))
                            .handle((ok, ex) -> ok != null && ok.get(0).quality() == Quality.GOOD)
                            .join());
        }
    }

    @Test
    void firstConnectToAnAbsentServerFailsInWords() throws Exception {
        OpcUaSimulator probe = new OpcUaSimulator();
        int port = probe.start("127.0.0.1", 0, dir.resolve("sim-pki"));
        probe.close();
        String url = "opc.tcp://127.0.0.1:" + port + "/rung";
        DeviceConfig device = device(anonymous(url), List.of(point("level", NS + "s=Tank1.Level")));
        try (OpcUaDriver driver = new OpcUaDriver(device, dir.resolve("pki"), "edge-1")) {
            Throwable failure = driver.connect().handle((ok, ex) -> ex).join();
            assertThat(failure)
                    .isInstanceOf(io.rung.drivers.api.DriverException.class)
                    .hasMessage("cannot connect to " + url + ": connection refused");
        }
    }

    private OpcUaSimulator restartOnSamePort(int port) {
        OpcUaSimulator next = new OpcUaSimulator();
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(IOException.class)
                .until(() -> {
                    next.start("127.0.0.1", port, dir.resolve("sim-pki"));
                    return true;
                });
        return next;
    }

    private static long goodCount(OpcUaTestSupport.Samples samples, String point) {
        return samples.of(point).stream()
                .filter(s -> s.quality() == Quality.GOOD)
                .count();
    }
}

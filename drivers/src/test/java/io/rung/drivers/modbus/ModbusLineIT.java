package io.rung.drivers.modbus;

import static io.rung.drivers.modbus.Devices.device;
import static io.rung.drivers.modbus.Devices.modbus;
import static io.rung.drivers.modbus.Devices.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rung.config.ModbusAddress.Kind;
import io.rung.config.PointType;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.DriverState.State;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.sim.ModbusSimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Devices sharing a line, a dead unit on it, and a device that goes away and comes back. */
class ModbusLineIT {
    private ModbusSimulator sim;
    private ModbusLines lines;
    private int port;

    @BeforeEach
    void start() throws Exception {
        sim = new ModbusSimulator(java.time.Clock.systemUTC(), 1);
        port = sim.start("127.0.0.1", 0);
        lines = new ModbusLines();
    }

    @AfterEach
    void stop() {
        lines.close();
        sim.close();
    }

    private ModbusDriver driver(String name, int unit, Duration timeout) throws DriverException {
        return ModbusDriver.create(
                device(
                        name,
                        modbus("tcp://127.0.0.1:" + port, unit, timeout, 0),
                        List.of(point("setpoint", Kind.HOLDING, 200, PointType.UINT16))),
                lines,
                java.time.Clock.systemUTC());
    }

    private static long millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void deadUnitCostsTheOtherDeviceAtMostOneTimeoutPerBackoff() throws Exception {
        ModbusDriver alive = driver("plc1", 1, Duration.ofMillis(400));
        ModbusDriver dead = driver("plc2", 2, Duration.ofMillis(400));
        assertThat(lines.size()).isEqualTo(1);

        assertThatThrownBy(() -> dead.read(dead.points()).join())
                .hasCauseInstanceOf(DriverException.class)
                .hasMessageContaining("timeout after 400 ms");
        assertThat(dead.state())
                .isEqualTo(new DriverState(State.FAILED, java.util.Optional.of("timeout after 400 ms")));
        assertThat(alive.state().state()).isEqualTo(State.CONNECTED);

        // during the dead unit's back-off its reads fail at once and the live unit is answered without delay
        for (int i = 0; i < 3; i++) {
            CompletableFuture<List<Sample>> deadRead = dead.read(dead.points());
            long took = millis(
                    () -> assertThat(alive.read(alive.points()).join().get(0).quality())
                            .isEqualTo(Quality.GOOD));
            assertThat(took).isLessThan(300);
            assertThatThrownBy(deadRead::join).hasMessageContaining("not answering (timeout after 400 ms)");
        }
    }

    @Test
    void simulatorKilledAndRestartedGoesFailedThenConnectedWithGoodValues() throws Exception {
        ModbusDriver driver = driver("plc1", 1, Duration.ofMillis(500));
        List<DriverState> states = new CopyOnWriteArrayList<>();
        driver.onStateChange(states::add);
        assertThat(driver.read(driver.points()).join().get(0).quality()).isEqualTo(Quality.GOOD);
        assertThat(states).last().isEqualTo(DriverState.connected());

        sim.close();
        assertThatThrownBy(() -> driver.read(driver.points())
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join())
                .hasCauseInstanceOf(DriverException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.state().state() == State.FAILED);
        assertThat(states).extracting(DriverState::state).contains(State.DISCONNECTED, State.FAILED);
        assertThat(driver.state().error()).hasValue("connection refused by 127.0.0.1:" + port);

        sim = new ModbusSimulator(java.time.Clock.systemUTC(), 1);
        sim.start("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().state() == State.CONNECTED);
        assertThat(driver.read(driver.points())
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join()
                        .get(0)
                        .quality())
                .isEqualTo(Quality.GOOD);
    }

    @Test
    void interFrameDelaySpacesTheRequestsOfALine() throws Exception {
        ModbusDriver paced = ModbusDriver.create(
                device(
                        "plc1",
                        new io.rung.config.ModbusConfig(
                                "tcp://127.0.0.1:" + port,
                                1,
                                Duration.ofMillis(500),
                                0,
                                125,
                                16,
                                false,
                                Duration.ofMillis(150)),
                        List.of(point("setpoint", Kind.HOLDING, 200, PointType.UINT16))),
                lines,
                java.time.Clock.systemUTC());
        ModbusDriver other = driver("plc3", 1, Duration.ofMillis(500));
        paced.read(paced.points()).join();
        long took = millis(() -> CompletableFuture.allOf(
                        other.read(other.points()), paced.read(paced.points()), other.read(other.points()))
                .join());
        assertThat(took).isGreaterThanOrEqualTo(3 * 150);
    }

    @Test
    void lineClosesWithItsLastDevice() throws Exception {
        ModbusDriver a = driver("plc1", 1, Duration.ofMillis(500));
        ModbusDriver b = driver("plc3", 1, Duration.ofMillis(500));
        a.connect().join();
        a.close();
        assertThat(lines.size()).isEqualTo(1);
        assertThat(b.read(b.points()).join().get(0).quality()).isEqualTo(Quality.GOOD);
        b.close();
        assertThat(lines.size()).isZero();
        assertThatThrownBy(() -> b.read(b.points()).join()).hasMessageContaining("driver is closed");
    }
}

package io.rung.drivers.modbus;

import static io.rung.drivers.modbus.Devices.device;
import static io.rung.drivers.modbus.Devices.modbus;
import static io.rung.drivers.modbus.Devices.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ModbusAddress.Kind;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.sim.ModbusSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One poll sends exactly the requests of the read plan, as {@code rung check --plan} shows and the benchmark counts. */
class RequestsPerPollIT {
    @Test
    void onePollSendsOneRequestPerPlannedBlock() throws Exception {
        List<PointConfig> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) points.add(point("h" + i, Kind.HOLDING, i, PointType.UINT16));
        for (int i = 0; i < 10; i++) points.add(point("f" + i, Kind.HOLDING, 80 + 2 * i, PointType.FLOAT32));
        for (int i = 0; i < 30; i++) points.add(point("i" + i, Kind.INPUT, 10 + i, PointType.UINT16));
        points.add(point("enable", Kind.COIL, 0, PointType.BOOL));
        points.add(point("far", Kind.HOLDING, 250, PointType.UINT16));

        try (ModbusSimulator sim = new ModbusSimulator(Clock.systemUTC(), 1);
                ModbusLines lines = new ModbusLines()) {
            int port = sim.start("127.0.0.1", 0);
            ModbusDriver driver = ModbusDriver.create(
                    device("plc", modbus("tcp://127.0.0.1:" + port, 1, Duration.ofSeconds(2), 0), points),
                    lines,
                    Clock.systemUTC());
            // holding:0-39 and holding:80-99 are 40 registers apart (more than maxGap 16), so they stay two requests
            assertThat(driver.plan().describe()).hasSize(5);

            for (int poll = 1; poll <= 3; poll++) {
                long before = sim.answered();
                List<Sample> samples = driver.read(driver.points())
                        .orTimeout(10, TimeUnit.SECONDS)
                        .join();
                assertThat(samples).allMatch(s -> s.quality() == Quality.GOOD);
                assertThat(sim.answered() - before)
                        .as("requests of poll %d", poll)
                        .isEqualTo(5);
            }
        }
    }
}

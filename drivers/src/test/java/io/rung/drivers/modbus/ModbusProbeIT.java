package io.rung.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddress.Kind;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.sim.ModbusSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModbusProbeIT {
    @Test
    void probeDecodesLiveRegistersOfTheSimulator() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (ModbusSimulator sim = new ModbusSimulator(clock, 1)) {
            clock.advance(Duration.ofSeconds(15));
            sim.tick();
            String url = "tcp://127.0.0.1:" + sim.start("127.0.0.1", 0);
            List<String> lines = ModbusProbe.probe(
                            url, 1, ModbusAddress.of(Kind.HOLDING, 100), 4, Duration.ofSeconds(1))
                    .orTimeout(5, TimeUnit.SECONDS)
                    .join();
            assertThat(lines.get(0)).isEqualTo("holding:100-103 (40101-40104), unit 1: 4 registers");
            assertThat(lines).anyMatch(l -> l.startsWith("holding:100 (40101)  25.0 "));
            assertThatThrownBy(() -> ModbusProbe.probe(
                                    url, 1, ModbusAddress.of(Kind.HOLDING, 190), 2, Duration.ofSeconds(1))
                            .join())
                    .hasCauseInstanceOf(DriverException.class)
                    .cause()
                    .hasMessage("device answered illegal data address (exception 2) for holding:190-191 (40191-40192)");
        }
    }
}

package io.rung.drivers.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ModbusAddress.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Debian's mbpoll (libmodbus), an independent Modbus TCP client, reads and writes the simulator. */
class ModbusSimulatorMbpollIT {
    private static final Pattern VALUE = Pattern.compile("\\[(\\d+)\\]:\\s+(-?[0-9.]+)");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private ModbusSimulator sim;
    private int port;
    private volatile Instant now = START;

    @BeforeEach
    void start() throws IOException {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        sim = new ModbusSimulator(clock, 1);
        now = START.plusSeconds(15);
        sim.tick();
        port = sim.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Runs mbpoll once with 0-based references and returns its output. */
    private String mbpoll(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("mbpoll", "-m", "tcp", "-p", Integer.toString(port), "-a", "1", "-0", "-1", "-o", "2"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(15, TimeUnit.SECONDS))
                    .as("mbpoll finished")
                    .isTrue();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<Double> values(String output) {
        List<Double> values = new ArrayList<>();
        Matcher m = VALUE.matcher(output);
        while (m.find()) values.add(Double.parseDouble(m.group(2)));
        return values;
    }

    @Test
    void mbpollReadsFloatsInBothWordOrders() throws Exception {
        assertThat(values(mbpoll("-t", "4:float", "-B", "-r", "100", "-c", "1", "127.0.0.1")))
                .containsExactly(25.0);
        // mbpoll prints six significant digits; its default word order for 32-bit values is the low word first: CDAB
        assertThat(values(mbpoll("-t", "4:float", "-r", "102", "-c", "1", "127.0.0.1"))
                        .get(0))
                .isCloseTo(18 + 3 * Math.sin(2 * Math.PI * 15 / 90), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void mbpollReadsCounterCoilsAndInputRegisters() throws Exception {
        assertThat(values(mbpoll("-t", "4:int", "-B", "-r", "104", "-c", "1", "127.0.0.1")))
                .containsExactly(15.0);
        assertThat(values(mbpoll("-t", "0", "-r", "0", "-c", "6", "127.0.0.1")))
                .containsExactly(1.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        assertThat(values(mbpoll("-t", "3", "-r", "0", "-c", "1", "127.0.0.1"))).containsExactly(750.0);
    }

    @Test
    void mbpollWritesSetpointAndCoil() throws Exception {
        mbpoll("-t", "4", "-r", "200", "127.0.0.1", "1200");
        assertThat(sim.get(Kind.HOLDING, 200)).isEqualTo(1200);
        mbpoll("-t", "0", "-r", "0", "127.0.0.1", "0");
        assertThat(sim.get(Kind.COIL, 0)).isZero();
        assertThat(sim.recentWrites()).hasSize(2).allMatch(w -> w.startsWith("FC"));
    }

    @Test
    void mbpollGetsIllegalDataAddressForTheHole() throws Exception {
        assertThat(mbpoll("-t", "4", "-r", "195", "-c", "1", "127.0.0.1")).containsIgnoringCase("illegal data address");
    }

    @Test
    void setpointChangeRampsTheSpeed() throws Exception {
        mbpoll("-t", "4", "-r", "200", "127.0.0.1", "1000");
        now = now.plus(Duration.ofSeconds(2));
        sim.tick();
        assertThat(values(mbpoll("-t", "4", "-r", "201", "-c", "1", "127.0.0.1")))
                .containsExactly(950.0);
        now = now.plus(Duration.ofSeconds(10));
        sim.tick();
        assertThat(values(mbpoll("-t", "4", "-r", "201", "-c", "1", "127.0.0.1")))
                .containsExactly(1000.0);
    }
}

package io.rung.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.drivers.sim.ModbusSimulator;
import io.rung.drivers.sim.OpcUaSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The commissioning commands against the simulators: what a user types and what they read. */
class CommandLineIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void probeShowsEveryByteOrderOfLiveRegisters() throws Exception {
        try (ModbusSimulator plc = new ModbusSimulator()) {
            int port = plc.start("127.0.0.1", 0);
            int code = Main.execute("probe", "modbus", "tcp://127.0.0.1:" + port, "--address", "40101", "--count", "4");
            assertThat(code).isZero();
            assertThat(console.stdout())
                    .contains("holding:100 (40101)")
                    .contains("float32 ABCD")
                    .contains("float32 CDAB")
                    .contains("float32 BADC")
                    .contains("float32 DCBA");
        }
    }

    @Test
    void probeOfAnUnreachableDeviceFailsWithOneLine() {
        int code = Main.execute("probe", "modbus", "tcp://127.0.0.1:1", "--address", "holding:0", "--timeout", "1");
        assertThat(code).isEqualTo(1);
        assertThat(console.stderr())
                .contains("rung probe: connection refused by 127.0.0.1:1\n")
                .doesNotContain("Exception");
    }

    @Test
    void probeRefusesABareNumberThatIsNoModiconAddress() {
        int code = Main.execute("probe", "modbus", "tcp://127.0.0.1:1", "--address", "100");
        assertThat(code).isEqualTo(2);
        assertThat(console.stderr()).contains("holding:100");
    }

    @Test
    void browsePrintsAReadyPointsBlock() throws Exception {
        try (OpcUaSimulator sim = new OpcUaSimulator()) {
            sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
            int code = Main.execute(
                    "browse",
                    sim.url(),
                    "nsu=" + OpcUaSimulator.NAMESPACE_URI + ";s=Tank1",
                    "--yaml",
                    "--pki",
                    dir.resolve("pki").toString());
            assertThat(code).isZero();
            assertThat(console.stdout()).contains("points:").contains("nsu=urn:rung:sim:plant;s=Tank1.Level");
        }
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(Main.execute("--version")).isZero();
        assertThat(console.stdout()).startsWith("rung ");
    }
}

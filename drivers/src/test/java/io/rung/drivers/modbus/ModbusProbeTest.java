package io.rung.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ModbusAddress.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModbusProbeTest {
    @Test
    void showsEveryOrderOfFloat32SideBySide() {
        List<String> lines = ModbusProbe.table(Kind.HOLDING, 100, new int[] {0x41C8, 0x0000}, 1);
        assertThat(lines.get(0)).isEqualTo("holding:100-101 (40101-40102), unit 1: 2 registers");
        assertThat(lines)
                .contains(
                        "float32 at           float32 ABCD  float32 CDAB  float32 BADC  float32 DCBA",
                        "holding:100 (40101)  25.0          2.3598E-41    -197632.0     7.1838E-41",
                        "holding:100 (40101)  1103626240  16840       -935264256  51265");
        assertThat(lines).anyMatch(l -> l.startsWith("holding:100 (40101)  0x41C8  16840   16840  \"A.\""));
        assertThat(lines).noneMatch(l -> l.startsWith("float64"));
    }

    @Test
    void showsTextInBothByteOrders() {
        List<String> lines = ModbusProbe.table(Kind.HOLDING, 0, new int[] {0x5255, 0x4E47}, 1);
        assertThat(lines).contains("string ABCD: \"RUNG\"", "string BADC: \"URGN\"");
    }

    @Test
    void listsBitsOneByOne() {
        assertThat(ModbusProbe.table(Kind.COIL, 4, new int[] {1, 0}, 2))
                .containsExactly(
                        "coil:4-5 (00005-00006), unit 2: 2 bits",
                        "address         value",
                        "coil:4 (00005)  1",
                        "coil:5 (00006)  0");
    }
}

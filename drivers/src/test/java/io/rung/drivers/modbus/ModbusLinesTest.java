package io.rung.drivers.modbus;

import static io.rung.drivers.modbus.Devices.device;
import static io.rung.drivers.modbus.Devices.modbus;
import static io.rung.drivers.modbus.Devices.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.ModbusAddress.Kind;
import io.rung.config.PointType;
import io.rung.drivers.api.DriverException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Line sharing rules; nothing here opens a connection (lines connect on first use). */
class ModbusLinesTest {
    private final ModbusLines lines = new ModbusLines();

    @AfterEach
    void close() {
        lines.close();
    }

    private ModbusDriver create(String name, String url, int unit) throws DriverException {
        return ModbusDriver.create(
                device(
                        name,
                        modbus(url, unit, Duration.ofSeconds(1), 1),
                        List.of(point("a", Kind.HOLDING, 0, PointType.UINT16))),
                lines,
                Clock.systemUTC());
    }

    @Test
    void devicesOnTheSameHostAndPortShareOneLine() throws DriverException {
        create("plc1", "tcp://10.0.0.5:502", 1);
        create("plc2", "tcp://10.0.0.5", 2);
        create("plc3", "tcp://10.0.0.6:502", 1);
        assertThat(lines.size()).isEqualTo(2);
    }

    @Test
    void serialSettingsMustAgreeOnALine() throws DriverException {
        create("plc1", "rtu:///dev/ttyUSB0?baud=9600&parity=none", 1);
        assertThatThrownBy(() -> create("plc2", "rtu:///dev/ttyUSB0?baud=19200&parity=even", 2))
                .isInstanceOf(DriverException.class)
                .hasMessage("serial settings of device plc2 (19200 8E1) differ from those of device plc1 (9600 8N1)"
                        + " on line /dev/ttyUSB0; devices on one serial line must use the same settings");
    }

    @Test
    void oneLineHasOneFraming() throws DriverException {
        create("plc1", "tcp://10.0.0.5:4001", 1);
        assertThatThrownBy(() -> create("plc2", "rtu+tcp://10.0.0.5:4001", 2))
                .hasMessageContaining("line 10.0.0.5:4001 is used as modbus rtu over tcp 10.0.0.5:4001 by device plc2"
                        + " but as modbus tcp 10.0.0.5:4001 by device plc1");
    }

    @Test
    void broadcastUnitIsRefusedOnRtuLines() {
        assertThatThrownBy(() -> create("plc1", "rtu:///dev/ttyS0", 0))
                .hasMessageStartingWith("unit 0 (broadcast) is not allowed on RTU line /dev/ttyS0");
        assertThatThrownBy(() -> create("plc1", "rtu+tcp://gw:4001", 0))
                .hasMessageStartingWith("unit 0 (broadcast) is not allowed on RTU line gw:4001");
    }

    @Test
    void badUrlsAreExplained() {
        assertThatThrownBy(() -> create("plc1", "http://x", 1))
                .hasMessage("modbus url must start with tcp://, rtu+tcp:// or rtu:// (was 'http://x')");
        assertThatThrownBy(() -> create("plc1", "rtu:///dev/ttyS0?baud=fast", 1))
                .hasMessage(
                        "modbus url 'rtu:///dev/ttyS0?baud=fast': baud must be between 50 and 4000000 (was 'fast')");
        assertThatThrownBy(() -> create("plc1", "rtu:///dev/ttyS0?speed=9600", 1))
                .hasMessage(
                        "modbus url 'rtu:///dev/ttyS0?speed=9600': unknown option 'speed' (known: baud, parity, data, stop)");
    }

    @Test
    void planOfADeviceConfigIsAvailableWithoutConnecting() {
        assertThat(ReadPlan.of(device(
                                "plc1",
                                modbus("tcp://10.0.0.5", 1, Duration.ofSeconds(1), 1),
                                List.of(
                                        point("a", Kind.HOLDING, 100, PointType.FLOAT32),
                                        point("b", Kind.HOLDING, 109, PointType.UINT16))))
                        .describe())
                .containsExactly("FC3 holding:100-109 (40101-40110), 10 registers, 2 points");
    }

    @Test
    void endpointDefaultsAndDescriptions() {
        assertThat(ModbusEndpoint.parse("tcp://PLC.local").describe()).isEqualTo("modbus tcp plc.local:502");
        assertThat(ModbusEndpoint.parse("tcp://[::1]:5020").describe()).isEqualTo("modbus tcp [::1]:5020");
        assertThat(ModbusEndpoint.parse("rtu:///dev/ttyUSB0?baud=19200&parity=even&data=8&stop=1")
                        .describe())
                .isEqualTo("modbus rtu /dev/ttyUSB0 19200 8E1");
        assertThat(ModbusEndpoint.parse("rtu:///dev/ttyUSB0").serialSettings()).isEqualTo("9600 8N1");
    }
}

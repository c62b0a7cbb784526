package io.rung.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.ByteOrder;
import io.rung.config.DeviceConfig;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTopicsTest {
    private static final DeviceConfig PLC = new DeviceConfig(
            "plc-1",
            "building-b/floor-5/plc-1",
            ModbusConfig.of("tcp://127.0.0.1:1502"),
            new DeviceConfig.Schedule.Every(DeviceConfig.DEFAULT_POLL),
            DeviceConfig.Mode.POLL,
            DeviceConfig.Format.JSON,
            1,
            DeviceConfig.DEFAULT_HEARTBEAT,
            DeviceConfig.DEFAULT_MAX_COMMAND_AGE,
            ByteOrder.ABCD,
            DeviceConfig.Timestamps.SOURCE,
            List.of(PointConfig.modbus("speed", ModbusAddress.of(ModbusAddress.Kind.HOLDING, 200))));

    @Test
    void topicsOfADevice() {
        assertThat(DeviceTopics.value(PLC, "speed")).isEqualTo("building-b/floor-5/plc-1/speed");
        assertThat(DeviceTopics.status(PLC)).isEqualTo("building-b/floor-5/plc-1/$status");
        assertThat(DeviceTopics.commandFilter(PLC)).isEqualTo("building-b/floor-5/plc-1/+/set");
        assertThat(DeviceTopics.result("building-b/floor-5/plc-1/speed/set"))
                .isEqualTo("building-b/floor-5/plc-1/speed/set/result");
        assertThat(DeviceTopics.retained(List.of(PLC)))
                .containsExactly("building-b/floor-5/plc-1/$status", "building-b/floor-5/plc-1/speed");
    }

    @Test
    void pointOfACommandTopic() {
        assertThat(DeviceTopics.pointOfCommand(PLC, "building-b/floor-5/plc-1/speed/set"))
                .contains("speed");
        assertThat(DeviceTopics.pointOfCommand(PLC, "building-b/floor-5/plc-1/set"))
                .isEmpty();
        assertThat(DeviceTopics.pointOfCommand(PLC, "building-b/floor-5/plc-1/a/b/set"))
                .isEmpty();
        assertThat(DeviceTopics.pointOfCommand(PLC, "other/speed/set")).isEmpty();
    }

    @Test
    void commandTopicsEndWithSet() {
        assertThat(DeviceTopics.isCommandTopic("a/b/set")).isTrue();
        assertThat(DeviceTopics.isCommandTopic("set")).isTrue();
        assertThat(DeviceTopics.isCommandTopic("a/b/set/result")).isFalse();
        assertThat(DeviceTopics.isCommandTopic("a/reset")).isFalse();
    }
}

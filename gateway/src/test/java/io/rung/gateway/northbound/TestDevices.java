package io.rung.gateway.northbound;

import io.rung.config.ByteOrder;
import io.rung.config.DeviceConfig;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusConfig;
import io.rung.config.OpcUaConfig;
import io.rung.config.PointConfig;
import java.time.Duration;
import java.util.List;

/** Device and point configs for tests, built in code with the documented defaults. */
public final class TestDevices {
    private TestDevices() {}

    public static DeviceConfig modbus(
            String name, String topic, DeviceConfig.Schedule schedule, PointConfig... points) {
        return new DeviceConfig(
                name,
                topic,
                ModbusConfig.of("tcp://127.0.0.1:1502"),
                schedule,
                DeviceConfig.Mode.POLL,
                DeviceConfig.Format.JSON,
                1,
                DeviceConfig.DEFAULT_HEARTBEAT,
                DeviceConfig.DEFAULT_MAX_COMMAND_AGE,
                ByteOrder.ABCD,
                DeviceConfig.Timestamps.SOURCE,
                List.of(points));
    }

    public static DeviceConfig modbus(String name, String topic, PointConfig... points) {
        return modbus(name, topic, new DeviceConfig.Schedule.Every(Duration.ofSeconds(1)), points);
    }

    public static DeviceConfig opcUa(
            String name, String topic, DeviceConfig.Mode mode, Duration interval, PointConfig... points) {
        return new DeviceConfig(
                name,
                topic,
                OpcUaConfig.of("opc.tcp://127.0.0.1:4840"),
                new DeviceConfig.Schedule.Every(interval),
                mode,
                DeviceConfig.Format.JSON,
                1,
                DeviceConfig.DEFAULT_HEARTBEAT,
                DeviceConfig.DEFAULT_MAX_COMMAND_AGE,
                ByteOrder.ABCD,
                DeviceConfig.Timestamps.SOURCE,
                List.of(points));
    }

    public static PointConfig holding(String name, int offset) {
        return PointConfig.modbus(name, ModbusAddress.of(ModbusAddress.Kind.HOLDING, offset));
    }

    public static PointConfig coil(String name, int offset) {
        return PointConfig.modbus(name, ModbusAddress.of(ModbusAddress.Kind.COIL, offset));
    }

    public static DeviceConfig withFormat(DeviceConfig d, DeviceConfig.Format format) {
        return new DeviceConfig(
                d.name(),
                d.topic(),
                d.connection(),
                d.schedule(),
                d.mode(),
                format,
                d.qos(),
                d.heartbeat(),
                d.maxCommandAge(),
                d.order(),
                d.timestamps(),
                d.points());
    }

    public static DeviceConfig withQos(DeviceConfig d, int qos) {
        return new DeviceConfig(
                d.name(),
                d.topic(),
                d.connection(),
                d.schedule(),
                d.mode(),
                d.format(),
                qos,
                d.heartbeat(),
                d.maxCommandAge(),
                d.order(),
                d.timestamps(),
                d.points());
    }

    public static DeviceConfig withHeartbeat(DeviceConfig d, Duration heartbeat) {
        return new DeviceConfig(
                d.name(),
                d.topic(),
                d.connection(),
                d.schedule(),
                d.mode(),
                d.format(),
                d.qos(),
                heartbeat,
                d.maxCommandAge(),
                d.order(),
                d.timestamps(),
                d.points());
    }

    /** A point with its own heartbeat, overriding the device's. */
    public static PointConfig withHeartbeat(PointConfig p, Duration heartbeat) {
        return new PointConfig(
                p.name(),
                p.address(),
                p.node(),
                p.type(),
                p.order(),
                p.length(),
                p.scale(),
                p.offset(),
                p.decimals(),
                p.unit(),
                p.deadband(),
                java.util.Optional.of(heartbeat),
                p.write(),
                p.min(),
                p.max(),
                p.rateLimit());
    }
}

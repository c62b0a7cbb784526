package io.rung.drivers.modbus;

import io.rung.config.ByteOrder;
import io.rung.config.DeviceConfig;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.PointAddress;
import java.time.Duration;
import java.util.List;

/** Builds device and point records in code, as the config loader would produce them. */
final class Devices {
    private Devices() {}

    static ModbusConfig modbus(String url, int unit, Duration timeout, int retries) {
        return new ModbusConfig(url, unit, timeout, retries, 125, 16, false, Duration.ZERO);
    }

    static DeviceConfig device(String name, ModbusConfig modbus, List<PointConfig> points) {
        return new DeviceConfig(
                name,
                "site/" + name,
                modbus,
                new DeviceConfig.Schedule.Every(Duration.ofSeconds(1)),
                DeviceConfig.Mode.POLL,
                DeviceConfig.Format.JSON,
                1,
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                ByteOrder.ABCD,
                DeviceConfig.Timestamps.GATEWAY,
                points);
    }

    static PointConfig point(String name, Kind kind, int offset, PointType type) {
        return PointConfig.modbus(name, ModbusAddress.of(kind, offset)).withType(type);
    }

    static PointConfig point(String name, Kind kind, int offset, PointType type, String order) {
        return point(name, kind, offset, type).withOrder(new ByteOrder(order));
    }

    static PointConfig bit(String name, Kind kind, int offset, int bit) {
        return PointConfig.modbus(name, new ModbusAddress(kind, offset, bit, 0));
    }

    static PointConfig string(String name, int offset, int length, String order) {
        return point(name, Kind.HOLDING, offset, PointType.STRING, order).withLength(length);
    }

    static PointAddress address(ModbusDriver driver, String name) {
        return driver.points().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}

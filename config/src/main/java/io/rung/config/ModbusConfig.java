package io.rung.config;

import java.time.Duration;

/**
 * {@code devices[].modbus}.
 *
 * @param url {@code tcp://host:port}, {@code rtu:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1} or
 *     {@code rtu+tcp://host:port}
 */
public record ModbusConfig(
        String url,
        int unit,
        Duration timeout,
        int retries,
        int maxRegistersPerRead,
        int maxGap,
        boolean writeMultiple,
        Duration interFrameDelay)
        implements DeviceConfig.DeviceConnection {
    public static ModbusConfig of(String url) {
        return new ModbusConfig(url, 1, Duration.ofSeconds(1), 1, 125, 16, false, Duration.ZERO);
    }
}

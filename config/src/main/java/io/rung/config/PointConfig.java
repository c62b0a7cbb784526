package io.rung.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One point of a device. Exactly one of {@link #address()} (Modbus) and {@link #node()} (OPC UA) is present.
 *
 * @param type Modbus value type; for OPC UA empty (the node's own data type)
 * @param order Modbus byte order of this point (already defaulted from the device)
 * @param length Modbus strings: length in registers
 * @param decimals rounding of scaled values; empty = the decimals of {@code scale}
 * @param heartbeat empty = the device's heartbeat
 */
public record PointConfig(
        String name,
        Optional<ModbusAddress> address,
        Optional<String> node,
        Optional<PointType> type,
        ByteOrder order,
        int length,
        BigDecimal scale,
        BigDecimal offset,
        OptionalInt decimals,
        Optional<String> unit,
        BigDecimal deadband,
        Optional<Duration> heartbeat,
        boolean write,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<Duration> rateLimit) {

    /** A Modbus point with defaults: uint16 (bool for bits), ABCD, scale 1, read-only. */
    public static PointConfig modbus(String name, ModbusAddress address) {
        return new PointConfig(
                name,
                Optional.of(address),
                Optional.empty(),
                Optional.of(address.defaultType()),
                ByteOrder.ABCD,
                0,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                OptionalInt.empty(),
                Optional.empty(),
                BigDecimal.ZERO,
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** An OPC UA point with defaults. */
    public static PointConfig opcUa(String name, String node) {
        return new PointConfig(
                name,
                Optional.empty(),
                Optional.of(node),
                Optional.empty(),
                ByteOrder.ABCD,
                0,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                OptionalInt.empty(),
                Optional.empty(),
                BigDecimal.ZERO,
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public PointConfig withType(PointType t) {
        return new PointConfig(
                name,
                address,
                node,
                Optional.of(t),
                order,
                length,
                scale,
                offset,
                decimals,
                unit,
                deadband,
                heartbeat,
                write,
                min,
                max,
                rateLimit);
    }

    public PointConfig withOrder(ByteOrder o) {
        return new PointConfig(
                name, address, node, type, o, length, scale, offset, decimals, unit, deadband, heartbeat, write, min,
                max, rateLimit);
    }

    public PointConfig withLength(int registers) {
        return new PointConfig(
                name, address, node, type, order, registers, scale, offset, decimals, unit, deadband, heartbeat, write,
                min, max, rateLimit);
    }

    public PointConfig withScale(BigDecimal s, BigDecimal o) {
        return new PointConfig(
                name, address, node, type, order, length, s, o, decimals, unit, deadband, heartbeat, write, min, max,
                rateLimit);
    }

    public PointConfig withWrite(boolean w, Optional<BigDecimal> lo, Optional<BigDecimal> hi) {
        return new PointConfig(
                name, address, node, type, order, length, scale, offset, decimals, unit, deadband, heartbeat, w, lo, hi,
                rateLimit);
    }

    public PointConfig withDeadband(BigDecimal d) {
        return new PointConfig(
                name, address, node, type, order, length, scale, offset, decimals, unit, d, heartbeat, write, min, max,
                rateLimit);
    }

    public PointConfig withUnit(String u) {
        return new PointConfig(
                name,
                address,
                node,
                type,
                order,
                length,
                scale,
                offset,
                decimals,
                Optional.of(u),
                deadband,
                heartbeat,
                write,
                min,
                max,
                rateLimit);
    }

    public PointConfig withRateLimit(Duration r) {
        return new PointConfig(
                name,
                address,
                node,
                type,
                order,
                length,
                scale,
                offset,
                decimals,
                unit,
                deadband,
                heartbeat,
                write,
                min,
                max,
                Optional.of(r));
    }
}

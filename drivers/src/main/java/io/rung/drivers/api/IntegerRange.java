package io.rung.drivers.api;

import io.rung.config.PointType;
import java.math.BigInteger;

/** The values an integer point type can hold, e.g. {@code 0..65535} for uint16. */
record IntegerRange(BigInteger min, BigInteger max) {
    static IntegerRange of(PointType type) {
        return switch (type) {
            case INT16 -> signed(16);
            case UINT16 -> unsigned(16);
            case INT32 -> signed(32);
            case UINT32 -> unsigned(32);
            case INT64 -> signed(64);
            case UINT64 -> unsigned(64);
            default -> throw new IllegalArgumentException(type.yamlName() + " is not an integer type");
        };
    }

    private static IntegerRange signed(int bits) {
        BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
        return new IntegerRange(half.negate(), half.subtract(BigInteger.ONE));
    }

    private static IntegerRange unsigned(int bits) {
        return new IntegerRange(BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    boolean contains(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}

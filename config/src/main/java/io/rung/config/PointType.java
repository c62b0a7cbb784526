package io.rung.config;

import java.util.Locale;

/** The value type of a Modbus point, as written in YAML ({@code float32}, {@code uint16}, …). */
public enum PointType {
    BOOL(0),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    INT64(4),
    UINT64(4),
    FLOAT32(2),
    FLOAT64(4),
    STRING(0);

    private final int registers;

    PointType(int registers) {
        this.registers = registers;
    }

    /** Registers one value occupies; 0 for bool (a bit) and string (its {@code length}). */
    public int registers() {
        return registers;
    }

    public boolean isInteger() {
        return this != BOOL && this != FLOAT32 && this != FLOAT64 && this != STRING;
    }

    /** The YAML spelling: {@code float32}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

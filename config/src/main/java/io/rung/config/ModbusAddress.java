package io.rung.config;

import java.util.Locale;

/**
 * A Modbus data location: register kind, 0-based protocol offset, optional bit of a 16-bit register, and the
 * Modicon number it was written as (if any), for messages.
 *
 * @param bit -1 when the address is a whole register or a coil/discrete input
 * @param modicon the 5- or 6-digit number from the YAML text, or 0 when written as {@code kind:N}
 */
public record ModbusAddress(Kind kind, int offset, int bit, int modicon) {
    /** The four Modbus tables. */
    public enum Kind {
        COIL,
        DISCRETE,
        INPUT,
        HOLDING;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Coils and discrete inputs are single bits. */
        public boolean isBit() {
            return this == COIL || this == DISCRETE;
        }
    }

    public ModbusAddress {
        if (offset < 0 || offset > 65535) throw new IllegalArgumentException("offset must be 0..65535, got " + offset);
        if (bit < -1 || bit > 15) throw new IllegalArgumentException("bit must be 0..15, got " + bit);
    }

    public static ModbusAddress of(Kind kind, int offset) {
        return new ModbusAddress(kind, offset, -1, 0);
    }

    public boolean hasBit() {
        return bit >= 0;
    }

    public PointType defaultType() {
        return kind.isBit() || hasBit() ? PointType.BOOL : PointType.UINT16;
    }

    /** {@code holding:200 (40201)} or {@code holding:100.3}. */
    @Override
    public String toString() {
        String s = kind.yamlName() + ":" + offset + (hasBit() ? "." + bit : "");
        return modicon > 0 ? s + " (" + String.format(Locale.ROOT, "%05d", modicon) + ")" : s;
    }
}

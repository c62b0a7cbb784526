package io.rung.drivers.modbus;

import io.rung.config.ModbusAddress.Kind;
import java.util.Locale;

/**
 * A run of {@code count} consecutive registers (or bits) of one table, written for people as
 * {@code holding:9-10 (40010-40011)}: the 0-based offsets, then the Modicon numbers in brackets.
 */
public record RegisterSpan(Kind kind, int start, int count) {
    /** The most registers one FC 3/4 request may read (Modbus application protocol §6.3). */
    public static final int MAX_REGISTERS = 125;
    /** The most bits one FC 1/2 request may read (Modbus application protocol §6.1). */
    public static final int MAX_BITS = 2000;

    public RegisterSpan {
        if (start < 0 || count < 1 || start + count > 65536) {
            throw new IllegalArgumentException(
                    "span must lie within 0..65535, got start " + start + ", count " + count);
        }
    }

    /** The last offset of the span. */
    public int end() {
        return start + count - 1;
    }

    /** The read function code: 1 coils, 2 discrete inputs, 3 holding registers, 4 input registers. */
    public int readFunction() {
        return switch (kind) {
            case COIL -> 1;
            case DISCRETE -> 2;
            case HOLDING -> 3;
            case INPUT -> 4;
        };
    }

    /** The largest request of this table. */
    public static int maxPerRequest(Kind kind) {
        return kind.isBit() ? MAX_BITS : MAX_REGISTERS;
    }

    /** The Modicon number of a 0-based offset: {@code holding:200} is {@code 40201}, {@code coil:9} is {@code 00010}. */
    public static String modicon(Kind kind, int offset) {
        int digit = switch (kind) {
            case COIL -> 0;
            case DISCRETE -> 1;
            case INPUT -> 3;
            case HOLDING -> 4;
        };
        return offset < 9999
                ? String.format(Locale.ROOT, "%d%04d", digit, offset + 1)
                : String.format(Locale.ROOT, "%d%05d", digit, offset + 1);
    }

    @Override
    public String toString() {
        String name = kind.yamlName();
        if (count == 1) return name + ":" + start + " (" + modicon(kind, start) + ")";
        return name + ":" + start + "-" + end() + " (" + modicon(kind, start) + "-" + modicon(kind, end()) + ")";
    }
}

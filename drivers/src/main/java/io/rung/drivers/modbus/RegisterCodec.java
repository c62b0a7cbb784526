package io.rung.drivers.modbus;

import io.rung.config.ByteOrder;
import io.rung.config.PointType;
import io.rung.drivers.api.ConversionException;
import io.rung.drivers.api.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Turns 16-bit registers into raw values and back, for every {@link PointType} and byte order.
 *
 * <p>A value of n bytes arrives as n/2 registers, each sent high byte first; {@link ByteOrder#layout(int)} names,
 * for each byte on the wire, which byte of the value it is (A the most significant). Strings hold two characters
 * per register, the first in the high byte (in the low byte when the order swaps bytes, {@code BADC} or
 * {@code DCBA}); they are cut at the first NUL and trailing spaces are trimmed. Characters are ISO 8859-1.
 */
public final class RegisterCodec {
    private RegisterCodec() {}

    /** Registers one value occupies: {@code length} for strings, 1 for bool (a bit of a register). */
    public static int registers(PointType type, int length) {
        return switch (type) {
            case STRING -> length;
            case BOOL -> 1;
            default -> type.registers();
        };
    }

    /**
     * Decodes the value starting at {@code registers[from]}: {@link Value.Int} for integers up to int64 and
     * uint32, {@link Value.UInt64} for uint64, {@link Value.Float32}, {@link Value.Float64}, {@link Value.Text},
     * and {@link Value.Bool} (register not zero) for bool.
     */
    public static Value decode(PointType type, ByteOrder order, int length, int[] registers, int from) {
        int count = registers(type, length);
        if (from < 0 || from + count > registers.length) {
            throw new IllegalArgumentException(type.yamlName() + " needs " + count + " registers from index " + from
                    + ", have " + registers.length);
        }
        if (type == PointType.BOOL) return new Value.Bool((registers[from] & 0xFFFF) != 0);
        if (type == PointType.STRING) return new Value.Text(text(order, registers, from, count));
        byte[] value = valueBytes(order, registers, from, count * 2);
        long bits = 0;
        for (byte b : value) bits = (bits << 8) | (b & 0xFF);
        return switch (type) {
            case INT16 -> new Value.Int((short) bits);
            case UINT16, UINT32 -> new Value.Int(bits);
            case INT32 -> new Value.Int((int) bits);
            case INT64 -> new Value.Int(bits);
            case UINT64 -> new Value.UInt64(new BigInteger(1, value));
            case FLOAT32 -> new Value.Float32(Float.intBitsToFloat((int) bits));
            case FLOAT64 -> new Value.Float64(Double.longBitsToDouble(bits));
            default -> throw new IllegalStateException("unhandled type " + type);
        };
    }

    /** Bit {@code bit} (0 = least significant) of a 16-bit register. */
    public static boolean bit(int register, int bit) {
        return ((register >> bit) & 1) == 1;
    }

    /** The register with bit {@code bit} set or cleared. */
    public static int withBit(int register, int bit, boolean on) {
        int mask = 1 << bit;
        return (on ? register | mask : register & ~mask) & 0xFFFF;
    }

    /**
     * Encodes a raw value (as {@code Scaling.toRaw} returns it) into registers.
     *
     * @throws ConversionException when a string is longer than its registers or has characters outside ISO 8859-1
     */
    public static int[] encode(PointType type, ByteOrder order, int length, Value raw) throws ConversionException {
        int count = registers(type, length);
        if (type == PointType.STRING) return encodeText(order, count, ((Value.Text) raw).value());
        if (type == PointType.BOOL) return new int[] {((Value.Bool) raw).value() ? 1 : 0};
        long bits = switch (type) {
            case FLOAT32 -> Float.floatToIntBits(((Value.Float32) raw).value()) & 0xFFFFFFFFL;
            case FLOAT64 -> Double.doubleToLongBits(((Value.Float64) raw).value());
            case UINT64 -> ((Value.UInt64) raw).value().longValue();
            default -> ((Value.Int) raw).value();
        };
        int size = count * 2;
        byte[] value = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            value[i] = (byte) bits;
            bits >>>= 8;
        }
        String layout = order.layout(size);
        byte[] wire = new byte[size];
        for (int i = 0; i < size; i++) wire[i] = value[layout.charAt(i) - 'A'];
        return toRegisters(wire);
    }

    /** The value's bytes, most significant first, from the registers as they arrived. */
    private static byte[] valueBytes(ByteOrder order, int[] registers, int from, int size) {
        String layout = order.layout(size);
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            int register = registers[from + i / 2];
            byte wire = (byte) (i % 2 == 0 ? register >> 8 : register);
            value[layout.charAt(i) - 'A'] = wire;
        }
        return value;
    }

    private static boolean lowByteFirst(ByteOrder order) {
        return order.letters().length() == 4 && order.layout(2).equals("BA");
    }

    private static String text(ByteOrder order, int[] registers, int from, int count) {
        byte[] bytes = new byte[count * 2];
        boolean swap = lowByteFirst(order);
        for (int i = 0; i < count; i++) {
            byte high = (byte) (registers[from + i] >> 8);
            byte low = (byte) registers[from + i];
            bytes[2 * i] = swap ? low : high;
            bytes[2 * i + 1] = swap ? high : low;
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        while (end > 0 && bytes[end - 1] == ' ') end--;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static int[] encodeText(ByteOrder order, int count, String text) throws ConversionException {
        if (text.length() > count * 2) {
            throw new ConversionException("text of " + text.length() + " characters does not fit " + count
                    + " registers (" + count * 2 + " characters)");
        }
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            throw new ConversionException("text has characters outside ISO 8859-1, which registers cannot hold");
        }
        byte[] bytes = new byte[count * 2];
        byte[] chars = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(chars, 0, bytes, 0, chars.length);
        if (lowByteFirst(order)) {
            for (int i = 0; i < bytes.length; i += 2) {
                byte t = bytes[i];
                bytes[i] = bytes[i + 1];
                bytes[i + 1] = t;
            }
        }
        return toRegisters(bytes);
    }

    private static int[] toRegisters(byte[] wire) {
        int[] registers = new int[wire.length / 2];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = ((wire[2 * i] & 0xFF) << 8) | (wire[2 * i + 1] & 0xFF);
        }
        return registers;
    }
}

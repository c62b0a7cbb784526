package io.rung.broker.it.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** MQTT wire encoding primitives (MQTT 5 §1.5, §2.1) for building exact packets in raw-socket tests. */
public final class Wire {
    private Wire() {}

    /** Bytes from hex such as {@code "c0 00"}; spaces are ignored. */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** A whole packet: first byte, remaining length as a variable byte integer, then the body parts. */
    public static byte[] frame(int firstByte, byte[]... parts) {
        byte[] body = cat(parts);
        return cat(new byte[] {(byte) firstByte}, varint(body.length), body);
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    public static byte[] u8(int value) {
        return new byte[] {(byte) value};
    }

    public static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    public static byte[] u32(long value) {
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    /** Variable byte integer (MQTT 5 §1.5.5). */
    public static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int v = value;
        do {
            int digit = v % 128;
            v /= 128;
            out.write(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        return out.toByteArray();
    }

    /** UTF-8 encoded string with its two-byte length (MQTT 5 §1.5.4). */
    public static byte[] utf8(String text) {
        return bin(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Binary data with its two-byte length; also used to send deliberately bad UTF-8. */
    public static byte[] bin(byte[] data) {
        return cat(u16(data.length), data);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

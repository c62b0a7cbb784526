package io.rung.broker.it.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MQTT 5 properties (§2.2.2): a builder for outgoing packets and a decoder for incoming ones. Decoded values are
 * {@code Integer} (byte, two-byte, variable), {@code Long} (four-byte), {@code String}, {@code byte[]} or
 * {@code String[2]} (user property).
 */
public final class Props {
    public static final int PAYLOAD_FORMAT = 0x01;
    public static final int MESSAGE_EXPIRY = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_ID = 0x0B;
    public static final int SESSION_EXPIRY = 0x11;
    public static final int ASSIGNED_CLIENT_ID = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int REQUEST_PROBLEM_INFO = 0x17;
    public static final int WILL_DELAY = 0x18;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Props() {}

    public static Props of() {
        return new Props();
    }

    public Props u8(int id, int value) {
        return put(id, Wire.u8(value));
    }

    public Props u16(int id, int value) {
        return put(id, Wire.u16(value));
    }

    public Props u32(int id, long value) {
        return put(id, Wire.u32(value));
    }

    public Props varint(int id, int value) {
        return put(id, Wire.varint(value));
    }

    public Props utf8(int id, String value) {
        return put(id, Wire.utf8(value));
    }

    public Props bin(int id, byte[] value) {
        return put(id, Wire.bin(value));
    }

    public Props user(String key, String value) {
        return put(USER_PROPERTY, Wire.cat(Wire.utf8(key), Wire.utf8(value)));
    }

    private Props put(int id, byte[] value) {
        out.writeBytes(Wire.varint(id));
        out.writeBytes(value);
        return this;
    }

    /** The property block: its length as a variable byte integer, then the properties. */
    public byte[] encode() {
        byte[] body = out.toByteArray();
        return Wire.cat(Wire.varint(body.length), body);
    }

    /** Reads a property block at the buffer's position; repeated properties keep every value in order. */
    public static Map<Integer, List<Object>> decode(ByteBuffer in) {
        int length = readVarint(in);
        int end = in.position() + length;
        Map<Integer, List<Object>> props = new LinkedHashMap<>();
        while (in.position() < end) {
            int id = readVarint(in);
            Object value = switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> in.get() & 0xFF;
                case 0x13, 0x21, 0x22, 0x23 -> in.getShort() & 0xFFFF;
                case 0x02, 0x11, 0x18, 0x27 -> in.getInt() & 0xFFFFFFFFL;
                case 0x0B -> readVarint(in);
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> readUtf8(in);
                case 0x09, 0x16 -> readBin(in);
                case 0x26 -> new String[] {readUtf8(in), readUtf8(in)};
                default -> throw new AssertionError("unknown property identifier " + id);
            };
            props.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
        }
        return props;
    }

    public static int readVarint(ByteBuffer in) {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int b = in.get() & 0xFF;
            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0) return value;
            multiplier *= 128;
        }
        throw new AssertionError("variable byte integer longer than 4 bytes");
    }

    public static String readUtf8(ByteBuffer in) {
        return new String(readBin(in), StandardCharsets.UTF_8);
    }

    public static byte[] readBin(ByteBuffer in) {
        byte[] data = new byte[in.getShort() & 0xFFFF];
        in.get(data);
        return data;
    }
}

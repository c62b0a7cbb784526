package io.rung.broker.codec;

import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Encodes the MQTT 5 PUBLISH properties that are the same for every subscriber (MQTT 5 §3.3.2.3). */
public final class Properties {
    static final int PAYLOAD_FORMAT = 0x01;
    static final int MESSAGE_EXPIRY = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SUBSCRIPTION_ID = 0x0B;
    static final int TOPIC_ALIAS = 0x23;
    static final int USER_PROPERTY = 0x26;

    private Properties() {}

    /** Payload format, content type, response topic, correlation data and user properties, in that order. */
    public static byte[] shared(Message message) {
        MessageProperties p = message.properties();
        if (!p.payloadFormatUtf8()
                && p.contentType().isEmpty()
                && p.responseTopic().isEmpty()
                && p.correlationData().isEmpty()
                && p.userProperties().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (p.payloadFormatUtf8()) {
            out.write(PAYLOAD_FORMAT);
            out.write(1);
        }
        p.contentType().ifPresent(s -> writeString(out, CONTENT_TYPE, s));
        p.responseTopic().ifPresent(s -> writeString(out, RESPONSE_TOPIC, s));
        p.correlationData().ifPresent(b -> {
            out.write(CORRELATION_DATA);
            writeBinary(out, b);
        });
        for (Map.Entry<String, String> e : p.userProperties()) {
            out.write(USER_PROPERTY);
            writeBinary(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            writeBinary(out, e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, int id, String s) {
        out.write(id);
        writeBinary(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBinary(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >>> 8);
        out.write(b.length & 0xFF);
        out.write(b, 0, b.length);
    }

    /** Bytes of a Variable Byte Integer (MQTT 5 §1.5.5). */
    public static int varIntSize(int value) {
        if (value < 128) return 1;
        if (value < 16_384) return 2;
        if (value < 2_097_152) return 3;
        return 4;
    }
}

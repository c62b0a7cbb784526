package io.rung.broker.bridge;

import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The on-disk form of a {@link QueuedMessage}: a version byte, flags, QoS, expiry, topic, the MQTT 5 properties that
 * travel to the remote, payload. Strings are length-prefixed UTF-8.
 */
final class QueuedMessageCodec {
    private static final int VERSION = 1;
    private static final int RETAIN = 1;
    private static final int UTF8 = 2;
    private static final int CONTENT_TYPE = 4;
    private static final int RESPONSE_TOPIC = 8;
    private static final int CORRELATION = 16;

    private QueuedMessageCodec() {}

    static byte[] encode(QueuedMessage q) {
        Message m = q.message();
        MessageProperties p = m.properties();
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(m.payload().length + m.topic().length() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            int flags = (m.retain() ? RETAIN : 0)
                    | (p.payloadFormatUtf8() ? UTF8 : 0)
                    | (p.contentType().isPresent() ? CONTENT_TYPE : 0)
                    | (p.responseTopic().isPresent() ? RESPONSE_TOPIC : 0)
                    | (p.correlationData().isPresent() ? CORRELATION : 0);
            out.writeByte(VERSION);
            out.writeByte(flags);
            out.writeByte(m.qos());
            out.writeLong(q.expiresAtEpochMillis());
            writeString(out, m.topic());
            if (p.contentType().isPresent()) writeString(out, p.contentType().get());
            if (p.responseTopic().isPresent())
                writeString(out, p.responseTopic().get());
            if (p.correlationData().isPresent())
                writeBytes(out, p.correlationData().get());
            out.writeInt(p.userProperties().size());
            for (Map.Entry<String, String> e : p.userProperties()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            writeBytes(out, m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a queued message", e); // a byte array never fails
        }
        return bytes.toByteArray();
    }

    /** Reads a message back; {@code seq} is its key in the queue. */
    static QueuedMessage decode(long seq, byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        int version = in.readUnsignedByte();
        if (version != VERSION) throw new IOException("unknown queued message format " + version);
        int flags = in.readUnsignedByte();
        int qos = in.readUnsignedByte();
        long expiresAt = in.readLong();
        String topic = readString(in);
        Optional<String> contentType = (flags & CONTENT_TYPE) != 0 ? Optional.of(readString(in)) : Optional.empty();
        Optional<String> responseTopic = (flags & RESPONSE_TOPIC) != 0 ? Optional.of(readString(in)) : Optional.empty();
        Optional<byte[]> correlation = (flags & CORRELATION) != 0 ? Optional.of(readBytes(in)) : Optional.empty();
        int count = in.readInt();
        List<Map.Entry<String, String>> user = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) user.add(Map.entry(readString(in), readString(in)));
        byte[] payload = readBytes(in);
        MessageProperties props = new MessageProperties(
                (flags & UTF8) != 0,
                OptionalLong.empty(),
                contentType,
                responseTopic,
                correlation,
                user,
                List.of(),
                System.nanoTime());
        Message m = new Message(topic, payload, qos, (flags & RETAIN) != 0, props, Origin.broker());
        return new QueuedMessage(seq, m, expiresAt);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("corrupt queued message: length " + n);
        return in.readNBytes(n);
    }
}

package io.rung.broker.store.mvstore;

import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredSubscription;
import io.rung.broker.store.StoredWill;
import io.rung.broker.topic.SubscriptionOptions;
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
 * Our own binary form of stored records (never Java serialization): a version byte, then the fields in a fixed
 * order; strings and byte arrays as a length and their bytes. A message's receive time is not stored: a restored
 * message is "received" when it is read back, and its expiry comes from the stored wall-clock deadline.
 */
final class RecordCodec {
    static final int VERSION = 1;

    private RecordCodec() {}

    static byte[] message(StoredMessage m) {
        return write(out -> {
            out.writeLong(m.id());
            out.writeLong(m.expiresAtEpochMillis());
            writeMessage(out, m.message());
        });
    }

    static StoredMessage message(byte[] bytes) throws IOException {
        DataInputStream in = open(bytes);
        long id = in.readLong();
        long expiresAt = in.readLong();
        return new StoredMessage(id, readMessage(in), expiresAt);
    }

    static byte[] session(StoredSession s) {
        return write(out -> {
            writeString(out, s.clientId());
            writeOptional(out, s.user());
            out.writeByte(s.protocolVersion());
            out.writeLong(s.expirySeconds());
            out.writeLong(s.disconnectedAtEpochMillis());
            out.writeInt(s.subscriptions().size());
            for (StoredSubscription sub : s.subscriptions()) {
                writeString(out, sub.filter());
                SubscriptionOptions o = sub.options();
                out.writeByte(o.qos());
                out.writeBoolean(o.noLocal());
                out.writeBoolean(o.retainAsPublished());
                out.writeByte(o.retainHandling());
                out.writeInt(o.subscriptionId());
            }
        });
    }

    static StoredSession session(byte[] bytes) throws IOException {
        DataInputStream in = open(bytes);
        String clientId = readString(in);
        Optional<String> user = readOptional(in);
        int protocolVersion = in.readByte();
        long expirySeconds = in.readLong();
        long disconnectedAt = in.readLong();
        int n = in.readInt();
        List<StoredSubscription> subs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String filter = readString(in);
            SubscriptionOptions o = new SubscriptionOptions(
                    in.readByte(), in.readBoolean(), in.readBoolean(), in.readByte(), in.readInt());
            subs.add(new StoredSubscription(filter, o));
        }
        return new StoredSession(clientId, user, protocolVersion, expirySeconds, disconnectedAt, subs);
    }

    static byte[] will(StoredWill w) {
        return write(out -> {
            writeString(out, w.clientId());
            out.writeLong(w.publishAtEpochMillis());
            writeMessage(out, w.message());
        });
    }

    static StoredWill will(byte[] bytes) throws IOException {
        DataInputStream in = open(bytes);
        String clientId = readString(in);
        long publishAt = in.readLong();
        return new StoredWill(clientId, readMessage(in), publishAt);
    }

    private static void writeMessage(DataOutputStream out, Message m) throws IOException {
        writeString(out, m.topic());
        writeBytes(out, m.payload());
        out.writeByte(m.qos());
        out.writeBoolean(m.retain());
        MessageProperties p = m.properties();
        out.writeBoolean(p.payloadFormatUtf8());
        out.writeBoolean(p.messageExpirySeconds().isPresent());
        if (p.messageExpirySeconds().isPresent())
            out.writeLong(p.messageExpirySeconds().getAsLong());
        writeOptional(out, p.contentType());
        writeOptional(out, p.responseTopic());
        out.writeBoolean(p.correlationData().isPresent());
        if (p.correlationData().isPresent()) writeBytes(out, p.correlationData().get());
        out.writeInt(p.userProperties().size());
        for (Map.Entry<String, String> e : p.userProperties()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.writeInt(p.subscriptionIds().size());
        for (int id : p.subscriptionIds()) out.writeInt(id);
        writeString(out, m.origin().clientId());
        writeOptional(out, m.origin().user());
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        String topic = readString(in);
        byte[] payload = readBytes(in);
        int qos = in.readByte();
        boolean retain = in.readBoolean();
        boolean utf8 = in.readBoolean();
        OptionalLong expiry = in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
        Optional<String> contentType = readOptional(in);
        Optional<String> responseTopic = readOptional(in);
        Optional<byte[]> correlation = in.readBoolean() ? Optional.of(readBytes(in)) : Optional.empty();
        int n = in.readInt();
        List<Map.Entry<String, String>> user = new ArrayList<>(n);
        for (int i = 0; i < n; i++) user.add(Map.entry(readString(in), readString(in)));
        int ids = in.readInt();
        List<Integer> subscriptionIds = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++) subscriptionIds.add(in.readInt());
        Origin origin = new Origin(readString(in), readOptional(in));
        MessageProperties props = new MessageProperties(
                utf8, expiry, contentType, responseTopic, correlation, user, subscriptionIds, System.nanoTime());
        return new Message(topic, payload, qos, retain, props, origin);
    }

    /** Writes one record; the stream is in memory, so an {@link IOException} would be a bug. */
    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream open(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException(
                    "record version " + version + " is not supported (this Rung reads version " + VERSION + ")");
        }
        return in;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) writeString(out, s.get());
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("field length " + n + " exceeds the record");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}

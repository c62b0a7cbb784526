package io.rung.gateway.doctor;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The few MQTT 3.1.1 packets the doctor's probe needs, written and read on plain streams (OASIS MQTT 3.1.1 §3). */
final class MqttWire {
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;

    private final InputStream in;
    private final OutputStream out;

    /** One packet as read: its type, the flags of the fixed header and the rest. */
    record Packet(int type, int flags, byte[] body) {}

    MqttWire(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** CONNECT, clean session, keep-alive 30 s [MQTT-3.1.2-3]. */
    void connect(String clientId, Optional<String> user, Optional<byte[]> password) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "MQTT");
        b.write(4); // protocol level 4 = 3.1.1
        int flags = 0x02 | (user.isPresent() ? 0x80 : 0) | (user.isPresent() && password.isPresent() ? 0x40 : 0);
        b.write(flags);
        b.write(0);
        b.write(30);
        string(b, clientId);
        if (user.isPresent()) string(b, user.get());
        if (user.isPresent() && password.isPresent()) bytes(b, password.get());
        send(0x10, b.toByteArray());
    }

    void subscribe(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(packetId >> 8);
        b.write(packetId & 0xff);
        string(b, filter);
        b.write(qos);
        send(0x82, b.toByteArray()); // [MQTT-3.8.1-1] flags 0010
    }

    void publish(String topic, byte[] payload, int packetId) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, topic);
        b.write(packetId >> 8);
        b.write(packetId & 0xff);
        b.write(payload);
        send(0x32, b.toByteArray()); // QoS 1
    }

    void pubAck(int packetId) throws IOException {
        send(0x40, new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }

    void disconnect() throws IOException {
        send(0xe0, new byte[0]);
    }

    /** Reads the next packet; {@link EOFException} when the server closed the connection. */
    Packet read() throws IOException {
        int first = readByte();
        int length = 0;
        int multiplier = 1;
        for (int i = 0; ; i++) {
            int b = readByte();
            length += (b & 0x7f) * multiplier;
            if ((b & 0x80) == 0) break;
            multiplier *= 128;
            if (i == 3) throw new IOException("malformed remaining length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new EOFException("connection closed inside a packet");
        return new Packet(first >> 4, first & 0x0f, body);
    }

    /** The first byte the server sent, to tell TLS or HTTP from MQTT. */
    int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("connection closed by the server");
        return b;
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            b.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        b.write(body);
        out.write(b.toByteArray());
        out.flush();
    }

    private static void string(ByteArrayOutputStream b, String s) throws IOException {
        bytes(b, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream b, byte[] data) throws IOException {
        b.write(data.length >> 8);
        b.write(data.length & 0xff);
        b.write(data);
    }
}

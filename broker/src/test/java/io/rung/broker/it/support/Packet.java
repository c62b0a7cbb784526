package io.rung.broker.it.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One MQTT packet as received by {@link RawClient}: packet type, fixed-header flags and body, with readers for the
 * fields tests look at.
 */
public record Packet(int type, int flags, byte[] body) {

    /** A decoded PUBLISH (MQTT 5 §3.3). */
    public record Publish(
            String topic,
            int qos,
            boolean retain,
            boolean dup,
            int packetId,
            Map<Integer, List<Object>> props,
            byte[] payload) {
        public String payloadText() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The first value of a property, or null. */
        public Object prop(int id) {
            List<Object> values = props.get(id);
            return values == null ? null : values.get(0);
        }
    }

    public boolean is(int packetType) {
        return type == packetType;
    }

    /** CONNACK return code (3.1.1) or reason code (5). */
    public int connAckCode() {
        expect(RawPackets.CONNACK);
        return body[1] & 0xFF;
    }

    public boolean sessionPresent() {
        expect(RawPackets.CONNACK);
        return (body[0] & 1) == 1;
    }

    /** CONNACK properties (MQTT 5 only). */
    public Map<Integer, List<Object>> connAckProps() {
        expect(RawPackets.CONNACK);
        return Props.decode(ByteBuffer.wrap(body, 2, body.length - 2));
    }

    /** The packet identifier of PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK or UNSUBACK. */
    public int packetId() {
        return (body[0] & 0xFF) << 8 | body[1] & 0xFF;
    }

    /** The MQTT 5 reason code of an acknowledgement; absent means success (§3.4.2.1). */
    public int ackReasonCode() {
        return body.length > 2 ? body[2] & 0xFF : 0;
    }

    /** The return codes of a SUBACK, one per filter. */
    public List<Integer> subAckCodes(Protocol p) {
        expect(RawPackets.SUBACK);
        ByteBuffer in = ByteBuffer.wrap(body, 2, body.length - 2);
        if (p.isV5()) Props.decode(in);
        List<Integer> codes = new ArrayList<>();
        while (in.hasRemaining()) codes.add(in.get() & 0xFF);
        return codes;
    }

    /** The reason code of an MQTT 5 DISCONNECT; an empty body means 0x00 (§3.14.2.1). */
    public int disconnectReason() {
        expect(RawPackets.DISCONNECT);
        return body.length == 0 ? 0 : body[0] & 0xFF;
    }

    public Publish publish(Protocol p) {
        expect(RawPackets.PUBLISH);
        ByteBuffer in = ByteBuffer.wrap(body);
        String topic = Props.readUtf8(in);
        int qos = (flags >> 1) & 3;
        int packetId = qos > 0 ? in.getShort() & 0xFFFF : 0;
        Map<Integer, List<Object>> props = p.isV5() ? Props.decode(in) : Map.of();
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        return new Publish(topic, qos, (flags & 1) == 1, (flags & 8) == 8, packetId, props, payload);
    }

    private void expect(int packetType) {
        if (type != packetType) throw new AssertionError("expected packet type " + packetType + " but got " + this);
    }

    @Override
    public String toString() {
        return "Packet[type=" + type + ", flags=" + flags + ", body=" + Wire.hex(body) + "]";
    }
}

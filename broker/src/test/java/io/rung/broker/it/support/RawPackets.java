package io.rung.broker.it.support;

import java.util.ArrayList;
import java.util.List;

/** Builders of exact MQTT packets other than CONNECT, for raw-socket tests. */
public final class RawPackets {
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBACK = 9;
    public static final int UNSUBACK = 11;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;

    private RawPackets() {}

    /** PUBLISH with the given fixed-header flags (DUP, QoS, RETAIN) and raw topic bytes, so tests can break rules. */
    public static byte[] publishRaw(
            Protocol p, int flags, byte[] topicBytes, int packetId, Props props, byte[] payload) {
        int qos = (flags >> 1) & 3;
        return Wire.frame(
                0x30 | flags,
                Wire.bin(topicBytes),
                qos > 0 ? Wire.u16(packetId) : new byte[0],
                p.isV5() ? props.encode() : new byte[0],
                payload);
    }

    public static byte[] publish(
            Protocol p, String topic, int qos, boolean retain, int packetId, Props props, byte[] payload) {
        return publishRaw(p, qos << 1 | (retain ? 1 : 0), Wire.bytes(topic), packetId, props, payload);
    }

    public static byte[] publish(Protocol p, String topic, int qos, int packetId, String payload) {
        return publish(p, topic, qos, false, packetId, Props.of(), Wire.bytes(payload));
    }

    /** The same PUBLISH with the DUP flag set, as a client re-sends it [MQTT-3.3.1-1]. */
    public static byte[] publishDup(Protocol p, String topic, int qos, int packetId, String payload) {
        return publishRaw(p, 0x08 | qos << 1, Wire.bytes(topic), packetId, Props.of(), Wire.bytes(payload));
    }

    /** One topic filter of a SUBSCRIBE with its options byte (QoS, and for MQTT 5 NL, RAP, retain handling). */
    public record Filter(String filter, int options) {
        public static Filter of(String filter, int qos) {
            return new Filter(filter, qos);
        }

        /** MQTT 5 subscription options (§3.8.3.1). */
        public static Filter v5(
                String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
            return new Filter(filter, qos | (noLocal ? 4 : 0) | (retainAsPublished ? 8 : 0) | retainHandling << 4);
        }
    }

    public static byte[] subscribe(Protocol p, int packetId, Props props, Filter... filters) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(Wire.u16(packetId));
        if (p.isV5()) parts.add(props.encode());
        for (Filter f : filters) {
            parts.add(Wire.utf8(f.filter()));
            parts.add(Wire.u8(f.options()));
        }
        return Wire.frame(0x82, parts.toArray(byte[][]::new));
    }

    public static byte[] subscribe(Protocol p, int packetId, String filter, int qos) {
        return subscribe(p, packetId, Props.of(), Filter.of(filter, qos));
    }

    public static byte[] unsubscribe(Protocol p, int packetId, String filter) {
        return Wire.frame(0xA2, Wire.u16(packetId), p.isV5() ? Props.of().encode() : new byte[0], Wire.utf8(filter));
    }

    public static byte[] puback(int packetId) {
        return Wire.frame(0x40, Wire.u16(packetId));
    }

    public static byte[] pubrec(int packetId) {
        return Wire.frame(0x50, Wire.u16(packetId));
    }

    public static byte[] pubrel(int packetId) {
        return Wire.frame(0x62, Wire.u16(packetId));
    }

    public static byte[] pubcomp(int packetId) {
        return Wire.frame(0x70, Wire.u16(packetId));
    }

    public static byte[] pingreq() {
        return Wire.hex("c0 00");
    }

    public static byte[] disconnect() {
        return Wire.hex("e0 00");
    }

    /** MQTT 5 DISCONNECT with a reason code, such as 0x04 (disconnect with will message). */
    public static byte[] disconnect(int reasonCode) {
        return Wire.frame(0xE0, Wire.u8(reasonCode), Props.of().encode());
    }
}

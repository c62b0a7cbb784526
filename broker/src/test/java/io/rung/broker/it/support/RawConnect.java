package io.rung.broker.it.support;

/**
 * Builds an exact CONNECT packet for raw-socket tests (MQTT 3.1.1 §3.1, MQTT 5 §3.1).
 *
 * <pre>{@code
 * byte[] connect = RawConnect.of(Protocol.V5, "c1").keepAlive(1).cleanStart(false)
 *         .props(Props.of().u32(Props.SESSION_EXPIRY, 60)).build();
 * }</pre>
 */
public final class RawConnect {
    private final Protocol protocol;
    private final String clientId;
    private boolean cleanStart = true;
    private int keepAlive = 60;
    private int reservedFlag;
    private Props props = Props.of();
    private String willTopic;
    private byte[] willPayload;
    private int willQos;
    private boolean willRetain;
    private Props willProps = Props.of();
    private String username;

    private RawConnect(Protocol protocol, String clientId) {
        this.protocol = protocol;
        this.clientId = clientId;
    }

    public static RawConnect of(Protocol protocol, String clientId) {
        return new RawConnect(protocol, clientId);
    }

    public RawConnect cleanStart(boolean value) {
        this.cleanStart = value;
        return this;
    }

    public RawConnect keepAlive(int seconds) {
        this.keepAlive = seconds;
        return this;
    }

    /** Sets the reserved bit 0 of the connect flags, which must be 0 [MQTT-3.1.2-3]. */
    public RawConnect reservedFlag() {
        this.reservedFlag = 1;
        return this;
    }

    public RawConnect props(Props value) {
        this.props = value;
        return this;
    }

    public RawConnect will(String topic, byte[] payload, int qos, boolean retain) {
        return will(topic, payload, qos, retain, Props.of());
    }

    public RawConnect will(String topic, byte[] payload, int qos, boolean retain, Props properties) {
        this.willTopic = topic;
        this.willPayload = payload;
        this.willQos = qos;
        this.willRetain = retain;
        this.willProps = properties;
        return this;
    }

    public RawConnect username(String value) {
        this.username = value;
        return this;
    }

    public byte[] build() {
        int flags = reservedFlag | (cleanStart ? 0x02 : 0);
        if (willTopic != null) flags |= 0x04 | willQos << 3 | (willRetain ? 0x20 : 0);
        if (username != null) flags |= 0x80;
        byte[] header = Wire.cat(
                Wire.utf8(protocol.protocolName()),
                Wire.u8(protocol.level()),
                Wire.u8(flags),
                Wire.u16(keepAlive),
                protocol.isV5() ? props.encode() : new byte[0]);
        byte[] payload = Wire.utf8(clientId);
        if (willTopic != null) {
            payload = Wire.cat(
                    payload,
                    protocol.isV5() ? willProps.encode() : new byte[0],
                    Wire.utf8(willTopic),
                    Wire.bin(willPayload));
        }
        if (username != null) payload = Wire.cat(payload, Wire.utf8(username));
        return Wire.frame(0x10, header, payload);
    }
}

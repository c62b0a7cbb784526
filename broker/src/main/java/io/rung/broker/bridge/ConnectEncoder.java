package io.rung.broker.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link ConnectPacket}. Netty's {@code MqttEncoder} cannot send protocol level 0x84 (the bridge flag that
 * tells mosquitto not to echo the bridge's own messages), so the bridge writes its CONNECT itself; every other
 * packet goes through {@code MqttEncoder}.
 */
final class ConnectEncoder extends MessageToByteEncoder<ConnectPacket> {
    private static final int USERNAME = 0x80;
    private static final int PASSWORD = 0x40;
    private static final int WILL_RETAIN = 0x20;
    private static final int WILL = 0x04;
    private static final int CLEAN_START = 0x02;
    private static final int SESSION_EXPIRY_INTERVAL = 0x11;
    private static final int MAXIMUM_PACKET_SIZE = 0x27;

    ConnectEncoder() {
        super(ConnectPacket.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ConnectPacket p, ByteBuf out) {
        ByteBuf body = ctx.alloc().buffer();
        try {
            writeBody(p, body);
            out.writeByte(0x10); // CONNECT; its fixed-header flags are reserved, 0 (§3.1.1)
            writeVarInt(out, body.readableBytes());
            out.writeBytes(body);
        } finally {
            body.release();
        }
    }

    static void writeBody(ConnectPacket p, ByteBuf b) {
        writeString(b, "MQTT");
        // MQTT 3.1.1 §3.1.2.2 level 4; mosquitto reads the top bit as "this client is a bridge"
        b.writeByte(p.v5() ? 5 : p.bridgeFlag() ? 0x84 : 4);
        int flags = (p.cleanStart() ? CLEAN_START : 0)
                | WILL
                | (ConnectPacket.WILL_QOS << 3)
                | WILL_RETAIN
                | (p.username().isPresent() ? USERNAME : 0)
                | (p.password().isPresent() ? PASSWORD : 0);
        b.writeByte(flags);
        b.writeShort(p.keepAliveSeconds());
        if (p.v5()) {
            ByteBuf props = b.alloc().buffer(16);
            try {
                if (p.sessionExpirySeconds() > 0) {
                    props.writeByte(SESSION_EXPIRY_INTERVAL);
                    props.writeInt((int) p.sessionExpirySeconds());
                }
                props.writeByte(MAXIMUM_PACKET_SIZE);
                props.writeInt(p.maxPacketSize());
                writeVarInt(b, props.readableBytes());
                b.writeBytes(props);
            } finally {
                props.release();
            }
        }
        writeString(b, p.clientId());
        if (p.v5()) writeVarInt(b, 0); // no will properties
        writeString(b, p.willTopic());
        writeBinary(b, p.willPayload());
        if (p.username().isPresent()) writeString(b, p.username().get());
        if (p.password().isPresent()) writeBinary(b, p.password().get());
    }

    private static void writeString(ByteBuf b, String s) {
        writeBinary(b, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBinary(ByteBuf b, byte[] data) {
        b.writeShort(data.length);
        b.writeBytes(data);
    }

    /** MQTT Variable Byte Integer (§1.5.5). */
    static void writeVarInt(ByteBuf b, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            b.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }
}

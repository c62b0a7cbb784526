package io.rung.broker.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;

/**
 * Encodes outbound PUBLISH packets. The topic bytes and the shared MQTT 5 properties are encoded once per message
 * and copied; only expiry, subscription ids and topic alias are written per subscriber. One buffer of the exact
 * size per packet, so the payload is copied exactly once, into the socket buffer.
 */
@ChannelHandler.Sharable
public final class PublishEncoder extends MessageToByteEncoder<OutboundPublish> {
    public static final PublishEncoder INSTANCE = new PublishEncoder();

    private PublishEncoder() {
        super(OutboundPublish.class);
    }

    /** The whole packet's size in bytes, to compare with the client's Maximum Packet Size. */
    public static int size(OutboundPublish p) {
        int remaining = remainingLength(p, propertiesLength(p));
        return 1 + Properties.varIntSize(remaining) + remaining;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, OutboundPublish msg, boolean preferDirect) {
        int size = size(msg);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundPublish p, ByteBuf out) {
        encode(p, out);
    }

    /** Appends the packet to {@code out}, which must have {@link #size} writable bytes. */
    public static void encode(OutboundPublish p, ByteBuf out) {
        Delivery d = p.delivery();
        Publication pub = d.publication();
        int propsLength = propertiesLength(p);
        int remaining = remainingLength(p, propsLength);
        out.writeByte(0x30 | (p.dup() ? 0x08 : 0) | (d.qos() << 1) | (d.retain() ? 1 : 0));
        writeVarInt(out, remaining);
        if (p.sendTopicName()) {
            byte[] topic = pub.topicUtf8();
            out.writeShort(topic.length);
            out.writeBytes(topic);
        } else {
            out.writeShort(0);
        }
        if (d.qos() > 0) out.writeShort(p.packetId());
        if (p.v5()) {
            writeVarInt(out, propsLength);
            out.writeBytes(pub.sharedProperties(Properties::shared));
            if (p.expirySeconds() >= 0) {
                out.writeByte(Properties.MESSAGE_EXPIRY);
                out.writeInt((int) Math.min(p.expirySeconds(), 0xFFFF_FFFFL));
            }
            for (int id : d.subscriptionIds()) {
                out.writeByte(Properties.SUBSCRIPTION_ID);
                writeVarInt(out, id);
            }
            if (p.topicAlias() != 0) {
                out.writeByte(Properties.TOPIC_ALIAS);
                out.writeShort(p.topicAlias());
            }
        }
        out.writeBytes(pub.message().payload());
    }

    private static int propertiesLength(OutboundPublish p) {
        if (!p.v5()) return 0;
        Delivery d = p.delivery();
        int n = d.publication().sharedProperties(Properties::shared).length;
        if (p.expirySeconds() >= 0) n += 5;
        for (int id : d.subscriptionIds()) n += 1 + Properties.varIntSize(id);
        if (p.topicAlias() != 0) n += 3;
        return n;
    }

    private static int remainingLength(OutboundPublish p, int propsLength) {
        Delivery d = p.delivery();
        int n = 2 + (p.sendTopicName() ? d.publication().topicUtf8().length : 0);
        if (d.qos() > 0) n += 2;
        if (p.v5()) n += Properties.varIntSize(propsLength) + propsLength;
        return n + d.publication().message().payload().length;
    }

    static void writeVarInt(ByteBuf out, int value) {
        int v = value;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.writeByte(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
    }
}

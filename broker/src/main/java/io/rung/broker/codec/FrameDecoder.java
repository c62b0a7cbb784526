package io.rung.broker.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * Splits the byte stream into whole MQTT packets before Netty's {@code MqttDecoder} sees them, so that a field
 * running past its packet's Remaining Length is malformed instead of swallowing the next packet, and checks what the
 * Netty decoder does not: Remaining Length encoding, the maximum packet size, and duplicate MQTT 5 PUBLISH
 * properties. A packet that yields no decoded message is reported as malformed. After the first failure every byte
 * is discarded; the connection handler closes the connection. MQTT 3.1.1 PUBLISH packets with a plain ASCII topic,
 * most of the traffic, are decoded here by {@link Mqtt3PublishDecoder} and skip Netty's general decoder. A CONNECT
 * with mosquitto's bridge flag loses the flag here ({@link BridgeFlag}), as Netty's decoder would refuse it.
 */
public final class FrameDecoder extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private final long maxPacketSize;
    private @Nullable ByteBuf cumulation;
    private int decoded;
    private boolean failed;

    public FrameDecoder(long maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
    }

    /** Called by {@link DecodedCounter} for every message Netty's decoder produced. */
    void decodedOne() {
        decoded++;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            in.release();
            return;
        }
        ByteBuf buf =
                cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        cumulation = null;
        try {
            while (!failed && buf.isReadable() && ctx.channel().isActive()) {
                long length = frameLength(buf);
                if (length == INCOMPLETE) break;
                if (length < 0) {
                    fail(ctx, length == TOO_LONG_LENGTH ? "remaining length longer than 4 bytes" : null, null);
                    break;
                }
                if (length > maxPacketSize) {
                    fail(
                            ctx,
                            null,
                            new io.netty.handler.codec.TooLongFrameException(
                                    "packet of " + length + " bytes exceeds " + maxPacketSize));
                    break;
                }
                if (buf.readableBytes() < length) break;
                MqttVersion version = ctx.channel().attr(MQTT_VERSION).get();
                if (version == null) buf = BridgeFlag.strip(ctx.channel(), buf, (int) length); // before CONNECT
                if (version != null && version != MqttVersion.MQTT_5) {
                    MqttPublishMessage publish = Mqtt3PublishDecoder.decode(buf, (int) length);
                    if (publish != null) {
                        ctx.fireChannelRead(publish); // MqttDecoder passes decoded messages on
                        continue;
                    }
                }
                String problem = PublishProperties.check(buf, (int) length, version == MqttVersion.MQTT_5);
                if (problem != null) {
                    fail(ctx, problem, null);
                    break;
                }
                int before = decoded;
                ctx.fireChannelRead(buf.readRetainedSlice((int) length));
                if (decoded == before) fail(ctx, "a field runs past the end of the packet", null);
            }
        } finally {
            if (buf.isReadable() && !failed) {
                cumulation = buf;
            } else {
                buf.release();
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, @Nullable String reason, @Nullable Throwable cause) {
        failed = true;
        Throwable t =
                cause != null ? cause : new MalformedPacketException(reason == null ? "malformed packet" : reason);
        ctx.fireChannelRead(new MqttMessage(null, null, null, DecoderResult.failure(t)));
    }

    private static final long INCOMPLETE = -1;
    private static final long TOO_LONG_LENGTH = -2;

    /** The whole packet's length (fixed header included), or INCOMPLETE, or TOO_LONG_LENGTH. */
    static long frameLength(ByteBuf buf) {
        int start = buf.readerIndex();
        int remaining = 0;
        int multiplier = 1;
        for (int i = 1; i <= 4; i++) {
            if (buf.readableBytes() < 1 + i) return INCOMPLETE;
            int digit = buf.getUnsignedByte(start + i);
            remaining += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) return 1L + i + remaining;
            multiplier *= 128;
        }
        return TOO_LONG_LENGTH; // MQTT 5 §1.5.5: at most four bytes
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}

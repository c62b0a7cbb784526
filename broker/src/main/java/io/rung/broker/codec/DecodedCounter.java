package io.rung.broker.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Sits right after Netty's decoder and tells the {@link FrameDecoder} that a packet produced a message. */
public final class DecodedCounter extends ChannelInboundHandlerAdapter {
    private final FrameDecoder frames;

    public DecodedCounter(FrameDecoder frames) {
        this.frames = frames;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        frames.decodedOne();
        ctx.fireChannelRead(msg);
    }
}

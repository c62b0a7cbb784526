package io.rung.broker.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.rung.broker.BrokerStats;

/** Counts the bytes a connection reads and writes, for {@code $SYS/broker/bytes/...}. */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final BrokerStats stats;

    ByteCounter(BrokerStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) stats.bytesIn(b.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) stats.bytesOut(b.readableBytes());
        ctx.write(msg, promise);
    }
}

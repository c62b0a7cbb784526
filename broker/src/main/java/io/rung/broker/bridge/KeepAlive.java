package io.rung.broker.bridge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The bridge's keep-alive on one connection: PINGREQ when nothing was written for {@code keepAlive} (the server
 * would drop a silent client [MQTT-3.1.2-22]) and also when nothing was <em>read</em> for {@code keepAlive}, so a
 * link that only sends QoS 0 messages still gets an answer; if nothing at all arrives within 1.5 × keep-alive of
 * the last packet read, it fires {@link #TIMEOUT} down the pipeline (the link is dead). Runs on the event loop.
 */
final class KeepAlive extends IdleStateHandler {
    /** The user event fired when the remote stayed silent for 1.5 × keep-alive, a PINGREQ notwithstanding. */
    static final Object TIMEOUT = new Object() {
        @Override
        public String toString() {
            return "keep-alive timeout";
        }
    };

    private static final MqttMessage PINGREQ =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final long graceMillis;
    private @Nullable Future<?> deadline;

    /** {@code keepAliveSeconds} as negotiated (the server's Server Keep Alive wins), above 0. */
    KeepAlive(int keepAliveSeconds) {
        super(keepAliveSeconds * 1000L, keepAliveSeconds * 1000L, 0, TimeUnit.MILLISECONDS);
        this.graceMillis = keepAliveSeconds * 500L;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        cancelDeadline(); // any packet from the remote proves the link alive
        super.channelRead(ctx, msg);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (evt.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(PINGREQ);
        } else if (evt.state() == IdleState.READER_IDLE && deadline == null) {
            // Sending alone proves nothing: ask for an answer, and give the remote until 1.5 × keep-alive
            ctx.writeAndFlush(PINGREQ);
            deadline = ctx.executor()
                    .schedule(
                            () -> {
                                deadline = null;
                                ctx.fireUserEventTriggered(TIMEOUT);
                            },
                            graceMillis,
                            TimeUnit.MILLISECONDS);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.handlerRemoved(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }

    private void cancelDeadline() {
        Future<?> d = deadline;
        if (d != null) {
            d.cancel(false);
            deadline = null;
        }
    }
}

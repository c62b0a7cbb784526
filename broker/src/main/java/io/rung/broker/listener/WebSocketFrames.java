package io.rung.broker.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * Between WebSocket and MQTT: binary frames in become bytes for the MQTT frame decoder, which joins packets split
 * across frames and splits frames holding several packets; bytes out become one binary frame per write. A text frame
 * closes the connection [MQTT-6.0.0-1], as do WebSocket protocol errors, with one log line.
 */
final class WebSocketFrames extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            ctx.fireChannelRead(frame.content());
            return;
        }
        ReferenceCountUtil.release(frame);
        // MQTT 5 §6 / 3.1.1 §6: control packets travel in binary frames only [MQTT-6.0.0-1]
        ctx.fireUserEventTriggered(new TransportFailure(
                "a WebSocket " + frameKind(frame) + " frame; MQTT over " + "WebSocket uses binary frames only"));
    }

    private static String frameKind(WebSocketFrame frame) {
        String name = frame.getClass().getSimpleName();
        return name.replace("WebSocketFrame", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            ctx.write(new BinaryWebSocketFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.fireUserEventTriggered(new TransportFailure("the WebSocket upgrade did not finish within 10 s"));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException
                || cause.getCause() instanceof CorruptedWebSocketFrameException) {
            CorruptedWebSocketFrameException e = cause instanceof CorruptedWebSocketFrameException c
                    ? c
                    : (CorruptedWebSocketFrameException) cause.getCause();
            boolean tooLarge = e.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
            ctx.fireUserEventTriggered(
                    new TransportFailure("WebSocket protocol error: " + e.getMessage(), tooLarge ? 0x95 : 0x82));
        } else if (cause instanceof WebSocketHandshakeException) {
            ctx.fireUserEventTriggered(new TransportFailure("WebSocket upgrade failed: " + cause.getMessage()));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}

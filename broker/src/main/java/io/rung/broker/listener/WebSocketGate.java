package io.rung.broker.listener;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks the HTTP request before the WebSocket upgrade and refuses, with an HTTP status, a plain-words body and one
 * log line, what Netty's handshaker would pass on or accept silently: a path that is not served, a request that is
 * not a WebSocket upgrade, and a missing or unsupported subprotocol ({@code mqtt} and {@code mqttv3.1} are spoken).
 * A good request goes on to the handshaker, and the gate leaves the pipeline.
 */
final class WebSocketGate extends ChannelInboundHandlerAdapter {
    /** The subprotocols of MQTT over WebSocket: {@code mqtt} (3.1.1 and 5) and {@code mqttv3.1} (MQTT 3.1). */
    static final List<String> SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");

    private final String path;

    WebSocketGate(String path) {
        this.path = path;
    }

    /** A refusal: the HTTP status and the reason for the client and the log. */
    record Refusal(HttpResponseStatus status, String reason) {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Refusal refusal = check(request, path);
        if (refusal == null) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(request);
            return;
        }
        request.release();
        ctx.channel().config().setAutoRead(false);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                refusal.status(),
                Unpooled.copiedBuffer(refusal.reason() + "\n", StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        String logged = "WebSocket upgrade rejected (HTTP " + refusal.status().code() + "): " + refusal.reason();
        ctx.writeAndFlush(response)
                .addListener((ChannelFutureListener) f -> ctx.fireUserEventTriggered(new TransportFailure(logged)));
    }

    /** Why the request cannot become MQTT over WebSocket; null when it can. */
    static @Nullable Refusal check(FullHttpRequest request, String path) {
        if (request.decoderResult().isFailure()) {
            return new Refusal(
                    HttpResponseStatus.BAD_REQUEST,
                    "not a valid HTTP request ("
                            + request.decoderResult().cause().getMessage() + ")");
        }
        String requested = new QueryStringDecoder(request.uri()).path();
        if (!requested.equals(path)) {
            return new Refusal(
                    HttpResponseStatus.NOT_FOUND,
                    "path '" + requested + "' is not served; this listener " + "serves MQTT over WebSocket at " + path
                            + " only");
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return new Refusal(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " is not a WebSocket upgrade (that is a GET)");
        }
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
        if (!upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            return new Refusal(
                    HttpResponseStatus.BAD_REQUEST,
                    "a plain HTTP request, not a WebSocket upgrade "
                            + "(no 'Upgrade: websocket' header): " + path
                            + " is for MQTT clients, connect one to ws:// or "
                            + "wss:// on this port");
        }
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (offered == null || offered.isBlank()) {
            return new Refusal(
                    HttpResponseStatus.BAD_REQUEST,
                    "no WebSocket subprotocol requested; MQTT over "
                            + "WebSocket needs 'mqtt' (or 'mqttv3.1' for MQTT 3.1) in Sec-WebSocket-Protocol");
        }
        boolean supported = Arrays.stream(offered.split(",")).map(String::trim).anyMatch(SUBPROTOCOLS::contains);
        if (!supported) {
            return new Refusal(
                    HttpResponseStatus.BAD_REQUEST,
                    "unsupported WebSocket subprotocol '" + offered.trim() + "'; this listener speaks "
                            + String.join(" and ", SUBPROTOCOLS));
        }
        return null;
    }
}

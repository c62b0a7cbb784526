package io.rung.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.rung.broker.listener.WebSocketHandover;
import java.util.Locale;

/**
 * MQTT over WebSocket on the HTTP port: a {@code GET /mqtt} with {@code Upgrade: websocket} leaves the HTTP server
 * and becomes an MQTT connection of the broker, with the broker's authentication, ACL and limits. No {@code Origin}
 * check: MQTT clients authenticate with user and password (or the dashboard's token), never with the cookie.
 */
final class MqttUpgrade {
    /** The WebSocket path on the HTTP port. */
    static final String PATH = "/mqtt";

    private final WebSocketHandover handover;

    MqttUpgrade(WebSocketHandover handover) {
        this.handover = handover;
    }

    /** True for a WebSocket upgrade request to {@link #PATH}; a plain request goes to the routes. */
    static boolean isUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && new QueryStringDecoder(request.uri()).path().equals(PATH)
                && request.headers()
                        .get(HttpHeaderNames.UPGRADE, "")
                        .toLowerCase(Locale.ROOT)
                        .contains("websocket");
    }

    /** Gives the connection to the broker; the HTTP handlers leave the pipeline. On the channel's event loop. */
    void handOver(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (ctx.pipeline().get(HttpServer.IDLE) != null)
            ctx.pipeline().remove(HttpServer.IDLE); // MQTT keep-alive rules
        handover.accept(ctx.channel(), request.retain());
    }

    /** The answer to a plain HTTP request for {@link #PATH}: 400 with where to point an MQTT client. */
    static Response plainRequest(Request r) {
        String url = (r.secure() ? "wss://" : "ws://") + r.header("host").orElse("HOST:PORT") + PATH;
        return Response.error(
                400,
                "a plain HTTP request, not a WebSocket upgrade (no 'Upgrade: websocket' header): " + PATH
                        + " is MQTT over WebSocket; point an MQTT client at " + url);
    }

    /** Ends the MQTT connections on the HTTP port (MQTT 5 clients get DISCONNECT 0x8B). */
    void close() {
        handover.close();
    }
}

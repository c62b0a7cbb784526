package io.rung.broker.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Looks at the first byte a client sends and refuses, in plain words, a client that speaks the wrong transport for
 * this listener: plain MQTT to a TLS port, TLS to a plain port, HTTP to an MQTT port, MQTT to a WebSocket port. Then
 * it leaves the pipeline.
 */
final class FirstBytes extends ChannelInboundHandlerAdapter {
    private static final int TLS_HANDSHAKE = 0x16;
    private static final int MQTT_CONNECT = 0x10;

    private final ListenerKind kind;
    private final int port;
    private final String path;

    FirstBytes(ListenerKind kind, int port, String path) {
        this.kind = kind;
        this.port = port;
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || !in.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().remove(this);
        String problem = problem(kind, in.getUnsignedByte(in.readerIndex()), port, path);
        if (problem == null) {
            ctx.fireChannelRead(in);
        } else {
            in.release();
            ctx.fireUserEventTriggered(new TransportFailure(problem));
        }
    }

    /** Why a listener of {@code kind} cannot serve a client whose first byte is {@code first}; null when it can. */
    static @Nullable String problem(ListenerKind kind, int first, int port, String path) {
        boolean tls = first == TLS_HANDSHAKE;
        boolean mqtt = first == MQTT_CONNECT;
        boolean http = first >= 'A' && first <= 'Z'; // GET, and any other request method
        String sent;
        if (kind.tls()) {
            if (tls) return null;
            sent = mqtt
                    ? "plain MQTT without TLS"
                    : http
                            ? "a plain HTTP request without TLS"
                            : String.format(Locale.ROOT, "something that is not TLS (first byte 0x%02x)", first);
        } else if (kind.websocket()) {
            if (http) return null;
            sent = tls
                    ? "a TLS handshake"
                    : mqtt
                            ? "plain MQTT, not WebSocket"
                            : String.format(Locale.ROOT, "something that is not HTTP (first byte 0x%02x)", first);
        } else {
            if (tls) {
                sent = "a TLS handshake";
            } else if (http) {
                sent = "an HTTP request (a WebSocket client?)";
            } else {
                return null; // anything else is for the MQTT decoder to judge
            }
        }
        String url = kind.scheme() + "://HOST:" + port + (kind.websocket() ? path : "");
        return "the client sent " + sent + ", but port " + port + " expects " + kind.speaks() + " (" + url + ")";
    }
}

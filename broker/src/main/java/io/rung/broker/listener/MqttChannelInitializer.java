package io.rung.broker.listener;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.rung.broker.handler.ListenerContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds a connection's pipeline by name: byte counter, first-bytes check, then the transport's handlers (TLS,
 * HTTP + WebSocket), then the MQTT handlers, which are the same for every transport.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ListenerKind kind;
    private final ListenerContext context;
    private final @Nullable ReloadableTlsContext tls;
    private final String path;
    private final ChannelGroup clients;
    private final ByteCounter counter;
    private volatile int port;

    MqttChannelInitializer(
            ListenerKind kind,
            ListenerContext context,
            @Nullable ReloadableTlsContext tls,
            String path,
            ChannelGroup clients) {
        this.kind = kind;
        this.context = context;
        this.tls = tls;
        this.path = path;
        this.clients = clients;
        this.counter = new ByteCounter(context.broker().stats());
    }

    /** The bound port, for the hints in refusals; set once the listener is bound. */
    void port(int boundPort) {
        this.port = boundPort;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        clients.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.BYTE_COUNTER, counter);
        p.addLast(HandlerNames.FIRST_BYTES, new FirstBytes(kind, port, path));
        ReloadableTlsContext t = tls;
        if (t != null) {
            p.addLast(HandlerNames.TLS, t.newHandler(ch.alloc()));
            p.addLast(HandlerNames.TLS_HANDSHAKE, new TlsHandshakeWatcher(t));
        }
        if (kind.websocket()) addWebSocket(p);
        MqttPipeline.addMqtt(p, context);
    }

    private void addWebSocket(ChannelPipeline p) {
        p.addLast(HandlerNames.HTTP, new HttpServerCodec());
        MqttPipeline.addWebSocket(p, context, path);
    }
}

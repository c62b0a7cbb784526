package io.rung.broker.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rung.broker.handler.ListenerContext;
import io.rung.broker.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MQTT over WebSocket on connections that another HTTP server accepted, such as the gateway's HTTP port at
 * {@code /mqtt}: the same gate, frames, authentication, ACL, limits and statistics as a {@code ws}/{@code wss}
 * listener of the broker. The HTTP server keeps its own TLS; the broker takes over the pipeline behind its HTTP codec.
 *
 * <pre>{@code
 * WebSocketHandover mqtt = broker.webSocketHandover("http:8080", "/mqtt");
 * // in the HTTP server's handler, on the channel's event loop, for GET /mqtt with Upgrade: websocket:
 * mqtt.accept(ctx.channel(), request);
 * }</pre>
 */
public final class WebSocketHandover implements AutoCloseable {
    private final ListenerContext context;
    private final String path;
    private final ChannelGroup brokerClients;
    private final ChannelGroup channels = new DefaultChannelGroup("mqtt-over-http", GlobalEventExecutor.INSTANCE);
    private final ByteCounter counter;

    /** Made by the broker; {@code brokerClients} are closed when the broker stops. */
    public WebSocketHandover(ListenerContext context, String path, ChannelGroup brokerClients) {
        this.context = context;
        this.path = path;
        this.brokerClients = brokerClients;
        this.counter = new ByteCounter(context.broker().stats());
    }

    /** The WebSocket path, such as {@code /mqtt}. */
    public String path() {
        return path;
    }

    /** The name of these connections in log lines and client lists, such as {@code http:8080}. */
    public String name() {
        return context.name();
    }

    /** Renames these connections once the HTTP port is known. */
    public void name(String name) {
        context.name(name);
    }

    /**
     * Takes over {@code channel}, which must decode HTTP with an {@link HttpServerCodec} (after its TLS handler, if
     * any): every handler behind the codec is removed, the broker's WebSocket and MQTT handlers are added, and
     * {@code request} (whose reference this method takes) is answered with the upgrade or an HTTP 4xx with the
     * reason. Handlers in front of the codec stay; remove an idle timeout there first, MQTT keep-alive takes over.
     * Call it on the channel's event loop.
     *
     * @throws IllegalArgumentException when the pipeline has no HTTP server codec
     */
    public void accept(Channel channel, FullHttpRequest request) {
        ChannelPipeline p = channel.pipeline();
        ChannelHandlerContext codec = p.context(HttpServerCodec.class);
        if (codec == null) {
            request.release();
            throw new IllegalArgumentException("the connection has no HTTP server codec to take over");
        }
        List<String> behind = new ArrayList<>();
        boolean after = false;
        for (String name : p.toMap().keySet()) {
            if (after) behind.add(name);
            if (name.equals(codec.name())) after = true;
        }
        for (String name : behind) p.remove(name);
        channels.add(channel);
        brokerClients.add(channel);
        p.addFirst(HandlerNames.BYTE_COUNTER, counter);
        MqttPipeline.addWebSocket(p, context, path);
        MqttPipeline.addMqtt(p, context);
        // the channel was active before the MQTT handler was added: tell it now, as a listener's channel would
        p.context(HandlerNames.PUBLISH_ENCODER).fireChannelActive();
        codec.fireChannelRead(request);
    }

    /**
     * Ends the MQTT connections taken over, as the broker does at shutdown (MQTT 5 clients get DISCONNECT 0x8B, no
     * will is sent), waiting up to 2 s; for an HTTP server that stops before the broker.
     */
    @Override
    public void close() {
        String name = context.name();
        for (Session s : context.broker().registry().all()) {
            if (s.online()) s.execute(() -> s.shutdownIfOn(name));
        }
        if (!channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS)) {
            channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }
}

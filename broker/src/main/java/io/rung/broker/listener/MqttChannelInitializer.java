package io.rung.broker.listener;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.rung.broker.codec.DecodedCounter;
import io.rung.broker.codec.FrameDecoder;
import io.rung.broker.codec.PublishEncoder;
import io.rung.broker.handler.ListenerContext;
import io.rung.broker.handler.MqttConnection;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Builds a connection's pipeline by name: byte counter, first-bytes check, then the transport's handlers (TLS,
 * HTTP + WebSocket), then the MQTT handlers, which are the same for every transport.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** An HTTP upgrade request is small; anything bigger is not a WebSocket client. */
    private static final int MAX_UPGRADE_REQUEST = 16 * 1024;

    private final ListenerKind kind;
    private final ListenerContext context;
    private final @Nullable ReloadableTlsContext tls;
    private final String path;
    private final ChannelGroup clients;
    private final ByteCounter counter;
    private final int maxRemainingLength;
    private volatile int port;

    MqttChannelInitializer(ListenerKind kind, ListenerContext context, @Nullable ReloadableTlsContext tls, String path,
                           ChannelGroup clients) {
        this.kind = kind;
        this.context = context;
        this.tls = tls;
        this.path = path;
        this.clients = clients;
        this.counter = new ByteCounter(context.broker().stats());
        // the frame decoder enforces the exact limit; Netty's own check only needs to be no stricter
        this.maxRemainingLength = (int) Math.min(268_435_455L, context.broker().limits().maxPacketSize().bytes());
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
        addMqtt(p);
    }

    private void addWebSocket(ChannelPipeline p) {
        p.addLast(HandlerNames.HTTP, new HttpServerCodec());
        p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
        p.addLast(HandlerNames.WEBSOCKET_GATE, new WebSocketGate(path));
        // a frame may hold one whole packet of the maximum size plus the start of the next
        long maxFrame = Math.min(Integer.MAX_VALUE, context.broker().limits().maxPacketSize().bytes() + 64 * 1024L);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true) // the gate has checked the path already; this lets a query string through
                .subprotocols(String.join(",", WebSocketGate.SUBPROTOCOLS))
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength((int) maxFrame)
                        .allowExtensions(false).build())
                .build();
        p.addLast(HandlerNames.WEBSOCKET, new WebSocketServerProtocolHandler(config));
        p.addLast(HandlerNames.WEBSOCKET_FRAMES, new WebSocketFrames());
    }

    /** The MQTT handlers, after whatever transport handlers come first. */
    private void addMqtt(ChannelPipeline p) {
        p.addLast(HandlerNames.KEEPALIVE, new IdleStateHandler(ListenerContext.CONNECT_TIMEOUT.toMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        FrameDecoder frames = new FrameDecoder(context.broker().limits().maxPacketSize().bytes());
        p.addLast(HandlerNames.FRAME_DECODER, frames);
        // strict UTF-8: malformed strings and U+0000 fail the decode [MQTT-1.5.4-1], [MQTT-1.5.4-2]
        p.addLast(HandlerNames.MQTT_DECODER, new MqttDecoder(maxRemainingLength, 65_535, true));
        p.addLast(HandlerNames.DECODED_COUNTER, new DecodedCounter(frames));
        p.addLast(HandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.PUBLISH_ENCODER, PublishEncoder.INSTANCE);
        p.addLast(HandlerNames.CONNECTION, new MqttConnection(context));
    }
}

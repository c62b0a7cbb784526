package io.rung.broker.listener;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
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

/**
 * The handlers every MQTT connection gets after its transport, and the WebSocket upgrade in front of them; shared by
 * the broker's own listeners and by connections another HTTP server hands over ({@link WebSocketHandover}).
 */
final class MqttPipeline {
    /** An HTTP upgrade request is small; anything bigger is not a WebSocket client. */
    static final int MAX_UPGRADE_REQUEST = 16 * 1024;

    private MqttPipeline() {}

    /**
     * After an HTTP server codec: the aggregator, the gate, Netty's WebSocket upgrade at {@code path} ({@code mqtt}
     * and {@code mqttv3.1}) and the frame-to-bytes handler.
     */
    static void addWebSocket(ChannelPipeline p, ListenerContext context, String path) {
        p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
        p.addLast(HandlerNames.WEBSOCKET_GATE, new WebSocketGate(path));
        // a frame may hold one whole packet of the maximum size plus the start of the next
        long maxFrame = Math.min(
                Integer.MAX_VALUE, context.broker().limits().maxPacketSize().bytes() + 64 * 1024L);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true) // the gate has checked the path already; this lets a query string through
                .subprotocols(String.join(",", WebSocketGate.SUBPROTOCOLS))
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength((int) maxFrame)
                        .allowExtensions(false)
                        .build())
                .build();
        p.addLast(HandlerNames.WEBSOCKET, new WebSocketServerProtocolHandler(config));
        p.addLast(HandlerNames.WEBSOCKET_FRAMES, new WebSocketFrames());
    }

    /** The MQTT handlers, after whatever transport handlers come first. */
    static void addMqtt(ChannelPipeline p, ListenerContext context) {
        p.addLast(
                HandlerNames.KEEPALIVE,
                new IdleStateHandler(ListenerContext.CONNECT_TIMEOUT.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        FrameDecoder frames =
                new FrameDecoder(context.broker().limits().maxPacketSize().bytes());
        p.addLast(HandlerNames.FRAME_DECODER, frames);
        // the frame decoder enforces the exact limit; Netty's own check only needs to be no stricter
        int maxRemainingLength = (int)
                Math.min(268_435_455L, context.broker().limits().maxPacketSize().bytes());
        // strict UTF-8: malformed strings and U+0000 fail the decode [MQTT-1.5.4-1], [MQTT-1.5.4-2]
        p.addLast(HandlerNames.MQTT_DECODER, new MqttDecoder(maxRemainingLength, 65_535, true));
        p.addLast(HandlerNames.DECODED_COUNTER, new DecodedCounter(frames));
        p.addLast(HandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.PUBLISH_ENCODER, PublishEncoder.INSTANCE);
        p.addLast(HandlerNames.CONNECTION, new MqttConnection(context));
    }
}

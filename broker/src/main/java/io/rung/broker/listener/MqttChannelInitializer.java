package io.rung.broker.listener;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
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
 * Builds a connection's pipeline by name. TLS and WebSocket listeners insert their handlers before
 * {@link HandlerNames#KEEPALIVE}; the MQTT part is the same for every transport.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ListenerContext context;
    private final ByteCounter counter;
    private final int maxRemainingLength;

    MqttChannelInitializer(ListenerContext context) {
        this.context = context;
        this.counter = new ByteCounter(context.broker().stats());
        // the frame decoder enforces the exact limit; Netty's own check only needs to be no stricter
        this.maxRemainingLength = (int) Math.min(268_435_455L, context.broker().limits().maxPacketSize().bytes());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.BYTE_COUNTER, counter);
        addMqtt(p);
    }

    /** The MQTT handlers, after whatever transport handlers come first. */
    void addMqtt(ChannelPipeline p) {
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

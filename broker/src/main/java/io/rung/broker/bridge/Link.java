package io.rung.broker.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.rung.config.BridgeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the remote, from dialling to close: the limits the CONNACK set, packet identifiers, outgoing
 * messages in flight. A reconnect makes a new link; the queue, not the link, is the truth
 * about what still has to be sent. Used on its bridge's thread.
 */
final class Link {
    /** Outgoing QoS 1/2 messages sent but not yet acknowledged, at most (less if the remote's Receive Maximum is). */
    static final int WINDOW = 32;
    /** The {@code seq} of the bridge's own status messages, which are not in the queue. */
    static final long STATUS = -1;

    final Channel channel;
    final boolean v5;
    boolean ready;
    int window = WINDOW;
    int maxQos = 2;
    boolean retainAvailable = true;
    long maxPacketSize = Long.MAX_VALUE;
    private final Map<Integer, Outgoing> inflight = new LinkedHashMap<>();
    private int lastId;
    private boolean disconnecting;
    private CompletableFuture<Void> ackTail = CompletableFuture.completedFuture(null);

    /** An outgoing message in flight; {@code released}: PUBREC came, PUBREL sent, waiting for PUBCOMP. */
    static final class Outgoing {
        final long seq;
        final String topic;
        final int qos;
        boolean released;

        Outgoing(long seq, String topic, int qos) {
            this.seq = seq;
            this.topic = topic;
            this.qos = qos;
        }
    }

    Link(Channel channel, boolean v5) {
        this.channel = channel;
        this.v5 = v5;
    }

    boolean hasWindow() {
        return inflight.size() < window;
    }

    boolean idle() {
        return inflight.isEmpty();
    }

    /** Writes a PUBLISH without flushing; a QoS 1/2 one stays in flight until {@link #acknowledged}. */
    ChannelFuture publish(long seq, String topic, byte[] payload, int qos, boolean retain, MqttProperties props) {
        int id = 0;
        if (qos > 0) {
            id = nextId();
            inflight.put(id, new Outgoing(seq, topic, qos));
        }
        MqttPublishMessage m = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, id, props),
                Unpooled.wrappedBuffer(payload));
        return channel.write(m);
    }

    /** PUBACK or PUBCOMP: the message leaves the window; null for an unknown packet identifier. */
    @Nullable
    Outgoing acknowledged(int packetId) {
        return inflight.remove(packetId);
    }

    /** PUBREC: answered with PUBREL (MQTT 5 §4.3.3); null for an unknown packet identifier. */
    @Nullable
    Outgoing received(int packetId) {
        Outgoing o = inflight.get(packetId);
        if (o != null) {
            o.released = true;
            channel.writeAndFlush(reply(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId, 0));
        }
        return o;
    }

    /** Answers PUBREL with PUBCOMP (MQTT 5 §4.3.3): the QoS 2 flow of an incoming message ends. */
    void complete(int packetId) {
        channel.writeAndFlush(reply(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId, 0));
    }

    /**
     * Sends PUBACK (QoS 1) or PUBREC (QoS 2) once {@code done} completes, always in arrival order
     * [MQTT-4.6.0-2]; callable from any thread.
     */
    synchronized void acknowledgeWhen(CompletableFuture<?> done, int packetId, int qos) {
        MqttMessageType type = qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        ackTail = ackTail.thenCombine(done.handle((v, e) -> null), (a, b) -> (Void) null)
                .thenRun(() -> channel.writeAndFlush(reply(type, MqttQoS.AT_MOST_ONCE, packetId, 0)));
    }

    /**
     * Subscribes the {@code in} rules in one SUBSCRIBE. MQTT 5: No Local, so the remote never returns what the bridge
     * sent [MQTT-3.8.3-3], and Retain As Published, so a retained message arrives as retained.
     */
    void subscribe(List<BridgeConfig.Rule> rules) {
        List<MqttTopicSubscription> subs = new ArrayList<>(rules.size());
        for (BridgeConfig.Rule r : rules) {
            MqttSubscriptionOption o = new MqttSubscriptionOption(
                    MqttQoS.valueOf(r.qos()), v5, v5, MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE);
            subs.add(new MqttTopicSubscription(r.topic(), o));
        }
        channel.writeAndFlush(new MqttSubscribeMessage(
                new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(nextId(), MqttProperties.NO_PROPERTIES),
                new MqttSubscribePayload(subs)));
    }

    /** A normal DISCONNECT (the remote discards the will), then close. */
    void disconnect() {
        if (disconnecting) return;
        disconnecting = true;
        MqttMessage m = new MqttMessage(
                new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                v5 ? new MqttReasonCodeAndPropertiesVariableHeader((byte) 0, MqttProperties.NO_PROPERTIES) : null);
        channel.writeAndFlush(m).addListener(ChannelFutureListener.CLOSE);
    }

    void close() {
        channel.close();
    }

    private int nextId() {
        do {
            lastId = lastId == 0xFFFF ? 1 : lastId + 1;
        } while (inflight.containsKey(lastId));
        return lastId;
    }

    private static MqttMessage reply(MqttMessageType type, MqttQoS qos, int packetId, int reason) {
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reason, MqttProperties.NO_PROPERTIES));
    }
}

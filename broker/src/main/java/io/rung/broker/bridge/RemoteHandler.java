package io.rung.broker.bridge;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.rung.broker.codec.PropertyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The bridge's end of one connection, on its Netty event loop: sends CONNECT, adds {@link KeepAlive} after the
 * CONNACK, turns decoded packets into plain values and hands them to the bridge's own thread (those of one socket
 * read as one task). Remembers the first reason the link failed, for the log line.
 */
final class RemoteHandler extends SimpleChannelInboundHandler<MqttMessage> {
    static final int CONNACK_TIMEOUT_SECONDS = 20;

    /** What the CONNACK said; {@code code} 0 = accepted. */
    record ConnAck(
            int code,
            boolean sessionPresent,
            int receiveMaximum,
            int maximumQos,
            boolean retainAvailable,
            long maximumPacketSize,
            @Nullable String reasonString) {}

    private final Bridge bridge;
    private final Link link;
    private final ConnectPacket connect;
    private @Nullable String reason;
    private @Nullable ScheduledFuture<?> connAckTimeout;
    private final List<Runnable> pending = new ArrayList<>();

    RemoteHandler(Bridge bridge, Link link, ConnectPacket connect) {
        this.bridge = bridge;
        this.link = link;
        this.connect = connect;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(connect); // behind TLS, the SslHandler holds it until the handshake is done
        connAckTimeout = ctx.executor()
                .schedule(
                        () -> fail(ctx, "no CONNACK within " + CONNACK_TIMEOUT_SECONDS + " s"),
                        CONNACK_TIMEOUT_SECONDS,
                        TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        if (msg.decoderResult().isFailure()) {
            fail(
                    ctx,
                    "malformed packet from the remote: "
                            + Reasons.of(msg.decoderResult().cause()));
            return;
        }
        MqttMessageType type = msg.fixedHeader().messageType();
        switch (type) {
            case CONNACK -> connAck(ctx, (MqttConnAckMessage) msg);
            case PUBLISH -> {
                MqttPublishMessage p = (MqttPublishMessage) msg;
                var h = p.variableHeader();
                Inbound.Publish in = new Inbound.Publish(
                        h.topicName(),
                        ByteBufUtil.getBytes(p.content()),
                        p.fixedHeader().qosLevel().value(),
                        p.fixedHeader().isRetain(),
                        h.packetId(),
                        RemoteProperties.fromRemote(h.properties()));
                post(() -> bridge.remotePublish(link, in));
            }
            case PUBACK, PUBREC, PUBCOMP -> {
                int id = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
                int rc =
                        msg.variableHeader() instanceof MqttPubReplyMessageVariableHeader r ? r.reasonCode() & 0xFF : 0;
                post(() -> bridge.remoteAck(link, type, id, rc));
            }
            case PUBREL -> {
                int id = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
                post(() -> bridge.remoteRelease(link, id));
            }
            case SUBACK -> {
                MqttSubAckMessage s = (MqttSubAckMessage) msg;
                List<Integer> codes = s.payload().reasonCodes();
                post(() -> bridge.subAck(link, codes));
            }
            case DISCONNECT -> {
                int rc = msg.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader d
                        ? d.reasonCode() & 0xFF
                        : 0;
                fail(
                        ctx,
                        "the remote disconnected the bridge: " + (rc == 0 ? "normal disconnection" : Reasons.code(rc)));
            }
            case PINGRESP -> {} // the read itself keeps the link alive
            default -> fail(ctx, "unexpected " + type + " from the remote");
        }
    }

    private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage msg) {
        if (connAckTimeout != null) connAckTimeout.cancel(false);
        var h = msg.variableHeader();
        int code = h.connectReturnCode().byteValue() & 0xFF;
        MqttProperties props = h.properties();
        int keepAlive = connect.keepAliveSeconds();
        Integer serverKeepAlive = PropertyReader.integer(props, MqttProperties.SERVER_KEEP_ALIVE);
        if (serverKeepAlive != null) keepAlive = serverKeepAlive; // MQTT 5 §3.2.2.3.14: the server's value wins
        if (code == 0 && keepAlive > 0) {
            ctx.pipeline().addBefore(ctx.name(), "keepalive", new KeepAlive(keepAlive));
        }
        Integer receiveMax = PropertyReader.integer(props, MqttProperties.RECEIVE_MAXIMUM);
        Integer maxQos = PropertyReader.integer(props, MqttProperties.MAXIMUM_QOS);
        Integer retain = PropertyReader.integer(props, MqttProperties.RETAIN_AVAILABLE);
        Integer maxPacket = PropertyReader.integer(props, MqttProperties.MAXIMUM_PACKET_SIZE);
        ConnAck ack = new ConnAck(
                code,
                h.isSessionPresent(),
                receiveMax == null ? 65535 : receiveMax,
                maxQos == null ? 2 : maxQos,
                retain == null || retain == 1,
                maxPacket == null ? Long.MAX_VALUE : maxPacket & 0xFFFF_FFFFL,
                PropertyReader.string(props, MqttProperties.REASON_STRING));
        if (code != 0)
            reason = "refused: " + Reasons.connAck(code, connect.v5())
                    + (ack.reasonString() == null ? "" : " (" + ack.reasonString() + ")");
        post(() -> bridge.connAck(link, ack));
    }

    /** Queues a packet's task; they go to the bridge's thread together at the end of the read (acks come in bursts). */
    private void post(Runnable task) {
        pending.add(task);
    }

    private void handOver() {
        if (pending.isEmpty()) return;
        List<Runnable> tasks = List.copyOf(pending);
        pending.clear();
        bridge.execute(tasks);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == KeepAlive.TIMEOUT) {
            fail(ctx, "keepalive timeout (nothing from the remote for 1.5 × keep-alive, PINGREQ unanswered)");
        } else if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
            fail(ctx, Reasons.of(hs.cause()));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) bridge.execute(bridge::pump);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, Reasons.of(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connAckTimeout != null) connAckTimeout.cancel(false);
        handOver();
        String why = reason != null ? reason : "connection closed by the remote";
        bridge.execute(() -> bridge.linkDown(link, why));
    }

    /** Records the first reason and closes; later failures of the same connection are consequences. */
    void fail(ChannelHandlerContext ctx, String why) {
        if (reason == null) reason = why;
        ctx.close();
    }
}

package io.rung.broker.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.rung.broker.auth.Identity;
import io.rung.broker.codec.DecodeFailure;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.listener.HandlerNames;
import io.rung.broker.listener.TransportFailure;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.PausablePublisher;
import io.rung.broker.session.BrokerContext;
import io.rung.broker.session.ClientChannel;
import io.rung.broker.session.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its protocol state, the dispatch of decoded packets to the per-packet handlers, and the
 * {@link ClientChannel} its session writes through. Every method runs on the channel's event loop.
 */
public final class MqttConnection extends ChannelInboundHandlerAdapter implements ClientChannel, PausablePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** QoS 0 messages in a row that reached no one (every subscriber congested) before reading pauses. */
    static final int BLOCKED_RUN = 16;
    /** The longest a publisher waits because of {@link #blocked()}, even if no subscriber has drained. */
    static final long BLOCKED_PAUSE_MILLIS = 1000;

    /** Where the connection is in its life. */
    enum State {
        AWAIT_CONNECT,
        AUTHENTICATING,
        CONNECTED,
        CLOSED
    }

    final ListenerContext listener;
    final BrokerContext broker;
    final BrokerEvents events;
    final ConnectionState state = new ConnectionState();
    private final OutboundWriter writer;
    private final PendingAcks pendingAcks;
    /** Packets read while authenticating or paused, handled in order once that ends. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    private int blockedRun;
    private int pauses;

    @Nullable
    ChannelHandlerContext ctx;

    @Nullable
    Session session;

    private String remote = "?";
    private String transport = "tcp";

    public MqttConnection(ListenerContext listener) {
        this.listener = listener;
        this.broker = listener.broker();
        this.events = broker.events();
        this.writer = new OutboundWriter(this);
        this.pendingAcks = new PendingAcks(this);
    }

    Channel channel() {
        return requireCtx().channel();
    }

    ChannelHandlerContext requireCtx() {
        ChannelHandlerContext c = ctx;
        if (c == null) throw new IllegalStateException("connection not active");
        return c;
    }

    OutboundWriter writer() {
        return writer;
    }

    PendingAcks pendingAcks() {
        return pendingAcks;
    }

    /** The user for refusal lines: the verified one, else the one CONNECT named, else empty. */
    String userForLog() {
        Identity id = state.identity;
        if (id != null && id.user().isPresent()) return id.user().get();
        return state.username != null ? state.username : "";
    }

    /** The client id once known, else the remote address: the subject of log lines. */
    String who() {
        return state.clientId != null ? state.clientId : remote;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        SocketAddress a = ctx.channel().remoteAddress();
        if (a instanceof InetSocketAddress isa) {
            remote = isa.getAddress().getHostAddress() + ":" + isa.getPort();
        } else if (a != null) {
            remote = a.toString();
        }
        // the transport handlers come before this one, on listeners and on connections taken over from HTTP
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        boolean ws = ctx.pipeline().get(HandlerNames.WEBSOCKET_FRAMES) != null;
        transport = ws ? (tls ? "wss" : "ws") : (tls ? "tls" : "tcp");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        events.newConnection(remote, listener.name());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state.state == State.AUTHENTICATING || state.paused) {
            // MQTT 5 §3.1.4: a client may send packets right after CONNECT; a paused publisher's packets that were
            // already read wait like the unread ones in its socket
            held.addLast(msg);
            return;
        }
        if (state.state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof MqttMessage m)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            dispatch(m);
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    private void dispatch(MqttMessage m) {
        if (m.decoderResult().isFailure()) {
            decodeFailed(m);
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        if (state.state == State.AWAIT_CONNECT) {
            if (type != MqttMessageType.CONNECT) {
                // [MQTT-3.1.0-1] the first packet must be CONNECT
                Disconnector.protocolError(this, "first packet was " + type + ", not CONNECT");
                return;
            }
            ConnectHandler.handle(this, (MqttConnectMessage) m);
            return;
        }
        switch (type) {
            case PUBLISH -> PublishHandler.handle(this, (MqttPublishMessage) m);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> AckHandler.handle(this, m);
            case SUBSCRIBE -> SubscribeHandler.subscribe(this, (MqttSubscribeMessage) m);
            case UNSUBSCRIBE -> SubscribeHandler.unsubscribe(this, (MqttUnsubscribeMessage) m);
            case PINGREQ -> {
                if (events.packets()) events.received(who(), "PINGREQ");
                writer.write(Packets.pingResp());
            }
            case DISCONNECT -> DisconnectHandler.handle(this, m);
            // [MQTT-3.1.0-2] a second CONNECT is a protocol error
            case CONNECT -> Disconnector.protocolError(this, "second CONNECT on the same connection");
            case AUTH -> Disconnector.protocolError(this, "AUTH without an authentication method");
            default -> Disconnector.protocolError(this, "unexpected " + type + " from a client");
        }
    }

    private void decodeFailed(MqttMessage m) {
        DecodeFailure f = DecodeFailure.of(
                m.decoderResult().cause(), broker.limits().maxPacketSize().bytes());
        boolean isConnect = m.fixedHeader() != null && m.fixedHeader().messageType() == MqttMessageType.CONNECT;
        if (state.state == State.AWAIT_CONNECT && isConnect) {
            ConnectHandler.refuseUndecodable(this, f);
        } else if (f.v5Reason() == 0x95) {
            Disconnector.failed(this, 0x95, f.reason()); // packet too large
        } else {
            Disconnector.malformed(this, f.v5Reason(), f.reason());
        }
    }

    /** Auth runs off the loop; hold incoming packets and stop reading until it is done. */
    void startAuthentication() {
        state.state = State.AUTHENTICATING;
        channel().config().setAutoRead(false);
    }

    /** The session accepted us or we were refused: release the packets held during auth. */
    void authenticationDone() {
        handleHeld();
    }

    /** Handles the held packets until a pause stops it again; reads again once none is left. */
    private void handleHeld() {
        ChannelHandlerContext c = requireCtx();
        while (!held.isEmpty() && !state.paused && state.state != State.AUTHENTICATING) {
            channelRead(c, held.pollFirst());
        }
        if (state.state == State.CONNECTED && !state.paused) channel().config().setAutoRead(true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Object o : held) ReferenceCountUtil.release(o);
        held.clear();
        writer.discard();
        boolean wasConnected = state.countedConnected;
        String reason = state.closeReason;
        state.state = State.CLOSED;
        Session s = session;
        session = null;
        if (wasConnected) {
            broker.stats().disconnected();
            if (reason == null) events.disconnected(who(), "connection lost");
        }
        if (s != null) {
            boolean abnormal = !state.normalDisconnect;
            s.execute(() -> s.detach(this, abnormal));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Session s = session;
        if (s != null && ctx.channel().isWritable()) s.drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (state.state == State.CONNECTED) {
                // [MQTT-3.1.2-24] nothing received within 1.5 times the keep-alive: 0x8D Keep Alive timeout
                Disconnector.failed(
                        this,
                        0x8D,
                        "keepalive timeout (nothing received for " + state.keepAlive * 3 / 2
                                + " s, 1.5 x the keep-alive of " + state.keepAlive + " s)");
            } else {
                Disconnector.failed(
                        this, 0x8D, "no CONNECT within " + ListenerContext.CONNECT_TIMEOUT.toSeconds() + " s");
            }
            return;
        }
        if (evt instanceof TransportFailure f) {
            Disconnector.failed(this, f.v5Reason(), f.reason());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            if (state.closeReason == null) state.closeReason = "connection error: " + cause.getMessage();
            if (state.state == State.CONNECTED) events.disconnected(who(), state.closeReason);
            LOG.debug("connection {} failed", who(), cause);
        } else {
            LOG.warn("unexpected error on connection of {}; closing it", who(), cause);
            state.closeReason = "internal error";
        }
        ctx.close();
    }

    // ---- ClientChannel: called by the session on this loop ----

    @Override
    public EventExecutor executor() {
        return requireCtx().executor();
    }

    @Override
    public int sendWindow() {
        return Math.min(broker.limits().maxInflight(), state.clientReceiveMaximum);
    }

    @Override
    public boolean writable() {
        return channel().isWritable();
    }

    @Override
    public boolean writePublish(Delivery delivery, int packetId, boolean dup) {
        return writer.publish(delivery, packetId, dup);
    }

    @Override
    public void writePubRel(int packetId) {
        if (events.packets()) events.sending(who(), "PUBREL (m" + packetId + ")");
        writer.write(Packets.pubRel(packetId, 0));
    }

    @Override
    public void disconnect(int reasonCode, String reason) {
        session = null; // the session detaches itself right after this call
        Disconnector.close(this, reasonCode, reason);
    }

    @Override
    public boolean isActive() {
        return ctx != null && channel().isActive() && state.state != State.CLOSED;
    }

    @Override
    public void connected(Session s, boolean sessionPresent) {
        ConnectHandler.accepted(this, s, sessionPresent);
    }

    @Override
    public void refuse(int v5Reason, int v3ReturnCode, String reason) {
        ConnectHandler.refuse(this, v5Reason, v3ReturnCode, reason);
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public String listener() {
        return listener.name();
    }

    @Override
    public String transport() {
        return transport;
    }

    // ---- PausablePublisher ----

    @Override
    public void pause() {
        if (!state.paused) {
            state.paused = true;
            pauses++;
            broker.stats().publisherPaused();
            channel().config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        executor().execute(this::doResume); // always later: never inside the routing of a message that paused us
    }

    private void doResume() {
        if (!state.paused) return;
        state.paused = false;
        blockedRun = 0;
        if (state.state == State.CONNECTED && channel().isActive()) handleHeld();
    }

    @Override
    public void reached() {
        blockedRun = 0;
    }

    @Override
    public boolean blocked() {
        if (++blockedRun < BLOCKED_RUN || state.paused) return false;
        pause();
        int pause = pauses;
        executor()
                .schedule(
                        () -> {
                            if (pauses == pause) doResume(); // still the same pause: a second is the limit for QoS 0
                        },
                        BLOCKED_PAUSE_MILLIS,
                        TimeUnit.MILLISECONDS);
        return true;
    }

    Identity identity() {
        Identity id = state.identity;
        if (id == null) throw new IllegalStateException("not authenticated");
        return id;
    }

    void closeAfterWrite(Object msg) {
        writer.writeBatch(channel());
        channel().writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE);
    }
}

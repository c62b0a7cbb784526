package io.rung.broker.handler;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.AuthResult;
import io.rung.broker.auth.Credentials;
import io.rung.broker.auth.Identity;
import io.rung.broker.codec.BridgeFlag;
import io.rung.broker.codec.DecodeFailure;
import io.rung.broker.codec.PropertyReader;
import io.rung.broker.listener.CertificateUser;
import io.rung.broker.listener.HandlerNames;
import io.rung.broker.session.ConnectRequest;
import io.rung.broker.session.Session;
import io.rung.broker.session.Will;
import io.rung.broker.topic.TopicName;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT (MQTT 5 §3.1, 3.1.1 §3.1): checks what the decoder does not, runs the authenticator off the event loop,
 * then asks the session registry for the session and answers CONNACK.
 */
final class ConnectHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private ConnectHandler() {}

    static void handle(MqttConnection c, MqttConnectMessage m) {
        MqttConnectVariableHeader vh = m.variableHeader();
        MqttConnectPayload p = m.payload();
        ConnectionState st = c.state;
        st.protocolLevel = vh.version();
        st.v5 = vh.version() == 5;
        st.cleanStart = vh.isCleanSession();
        st.bridge = BridgeFlag.isSet(c.channel()); // levels 0x83 / 0x84, cleared by the frame decoder
        String clientId = p.clientIdentifier() == null ? "" : p.clientIdentifier();
        st.clientId = clientId.isEmpty() ? null : clientId;
        String user = p.userName();
        st.username = user;
        if (c.events.packets()) {
            c.events.received(
                    c.who(),
                    "CONNECT (p" + st.protocolLevel + (st.bridge ? ", bridge" : "") + ", c"
                            + (st.cleanStart ? 1 : 0) + ", k" + vh.keepAliveTimeSeconds()
                            + (user != null ? ", u'" + user + "'" : "") + ")");
        }
        // [MQTT-3.1.2-11], [MQTT-3.1.2-13], [MQTT-3.1.2-15]: will QoS and retain must be 0 without the will flag
        if (!vh.isWillFlag() && (vh.willQos() != 0 || vh.isWillRetain())) {
            Disconnector.malformed(c, 0x81, "will QoS or will retain set without the will flag");
            return;
        }
        if (vh.willQos() > 2) {
            Disconnector.malformed(c, 0x81, "will QoS 3"); // [MQTT-3.1.2-14]
            return;
        }
        if (st.protocolLevel == 4 && vh.hasPassword() && !vh.hasUserName()) {
            Disconnector.malformed(c, 0x81, "password without user name"); // [MQTT-3.1.2-22]
            return;
        }
        MqttProperties props = vh.properties();
        if (st.v5 && !readClientProperties(c, props)) return;

        var limits = c.broker.limits();
        if (clientId.isEmpty()) {
            if (st.v5 || (st.protocolLevel == 4 && st.cleanStart)) {
                // [MQTT-3.1.3-6] the server assigns a unique id; MQTT 5 returns it in CONNACK
                clientId = "auto-" + UUID.randomUUID();
                st.clientId = clientId;
                st.assignedClientId = st.v5;
            } else {
                // [MQTT-3.1.3-8] an empty client id needs clean session in 3.1.1
                refuse(c, 0x85, 2, "empty client id requires clean session");
                return;
            }
        }
        if (clientId.equals("$gateway") || clientId.startsWith("$bridge/")) {
            refuse(c, 0x85, 2, "client id '" + clientId + "' is reserved for the broker's own clients");
            return;
        }
        int keepAlive = vh.keepAliveTimeSeconds();
        int maxKeepAlive = limits.maxKeepAlive();
        if (maxKeepAlive < 65_535 && (keepAlive == 0 || keepAlive > maxKeepAlive)) {
            if (st.v5) {
                st.serverKeepAlive = maxKeepAlive; // MQTT 5 §3.2.2.3.14 Server Keep Alive
                keepAlive = maxKeepAlive;
            } else {
                refuse(c, 0x85, 2, "keep-alive " + keepAlive + " s is above the maximum of " + maxKeepAlive + " s");
                return;
            }
        }
        st.keepAlive = keepAlive;
        Will will = null;
        if (vh.isWillFlag()) {
            will = will(c, vh, p, clientId, user);
            if (will == null) return;
        }
        long maxExpiry = limits.maxSessionExpiry().toSeconds();
        if (st.v5) {
            st.grantedExpiry = Math.min(st.requestedExpiry, maxExpiry);
        } else {
            st.grantedExpiry = st.cleanStart ? 0 : maxExpiry;
        }
        authenticate(c, clientId, user, p.passwordInBytes(), will);
    }

    /** MQTT 5 CONNECT properties; false after closing the connection for a bad value. */
    private static boolean readClientProperties(MqttConnection c, MqttProperties props) {
        ConnectionState st = c.state;
        Integer expiry = PropertyReader.integer(props, MqttProperties.SESSION_EXPIRY_INTERVAL);
        st.requestedExpiry = expiry == null ? 0 : expiry & 0xFFFF_FFFFL;
        Integer receiveMax = PropertyReader.integer(props, MqttProperties.RECEIVE_MAXIMUM);
        if (receiveMax != null) {
            if (receiveMax == 0) {
                Disconnector.protocolError(c, "receive maximum 0"); // [MQTT-3.1.2-?] must be > 0
                return false;
            }
            st.clientReceiveMaximum = receiveMax;
        }
        Integer maxPacket = PropertyReader.integer(props, MqttProperties.MAXIMUM_PACKET_SIZE);
        if (maxPacket != null) {
            if (maxPacket == 0) {
                Disconnector.protocolError(c, "maximum packet size 0");
                return false;
            }
            st.clientMaxPacketSize = maxPacket & 0xFFFF_FFFFL;
        }
        Integer aliasMax = PropertyReader.integer(props, MqttProperties.TOPIC_ALIAS_MAXIMUM);
        st.clientTopicAliasMaximum = aliasMax == null ? 0 : aliasMax;
        if (props.getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
            refuse(c, 0x8C, 5, "enhanced authentication is not supported");
            return false;
        }
        return true;
    }

    private static @Nullable Will will(
            MqttConnection c,
            MqttConnectVariableHeader vh,
            MqttConnectPayload p,
            String clientId,
            @Nullable String user) {
        String topic = p.willTopic() == null ? "" : p.willTopic();
        String problem = TopicName.problem(topic);
        if (problem != null) {
            refuse(c, 0x90, 2, "will " + problem);
            return null;
        }
        if (TopicName.isSys(topic)) {
            refuse(c, 0x87, 5, "will topic '" + topic + "': clients may not publish to $SYS");
            return null;
        }
        MqttProperties wp = p.willProperties();
        long now = System.nanoTime();
        var mp = PropertyReader.message(wp, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, now);
        Integer delay = c.state.v5 ? PropertyReader.integer(wp, MqttProperties.WILL_DELAY_INTERVAL) : null;
        byte[] payload = p.willMessageInBytes() == null ? new byte[0] : p.willMessageInBytes();
        Message msg = new Message(
                topic, payload, vh.willQos(), vh.isWillRetain(), mp, new Origin(clientId, Optional.ofNullable(user)));
        return new Will(msg, delay == null ? 0 : delay & 0xFFFF_FFFFL);
    }

    private static void authenticate(
            MqttConnection c, String clientId, @Nullable String user, byte @Nullable [] password, @Nullable Will will) {
        InetSocketAddress remote = (InetSocketAddress) c.channel().remoteAddress();
        Credentials cred = new Credentials(
                clientId,
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                CertificateUser.of(c.channel()),
                remote,
                c.listener.name());
        c.startAuthentication();
        var loop = c.executor();
        try {
            c.listener.authExecutor().execute(() -> {
                AuthResult r;
                try {
                    r = c.broker.options().authenticator().authenticate(cred);
                } catch (RuntimeException e) {
                    LOG.warn("authenticator failed for client {}; refusing it", clientId, e);
                    r = new AuthResult.Refused(AuthResult.Reason.NOT_AUTHORIZED, "authentication failed");
                }
                AuthResult result = r;
                loop.execute(() -> authenticated(c, clientId, result, will));
            });
        } catch (RejectedExecutionException e) {
            refuse(c, 0x89, 3, "server busy: too many logins at once"); // 0x89 Server busy / 3 server unavailable
        }
    }

    private static void authenticated(MqttConnection c, String clientId, AuthResult result, @Nullable Will will) {
        if (c.state.state != MqttConnection.State.AUTHENTICATING) return; // closed meanwhile
        if (result instanceof AuthResult.Refused r) {
            switch (r.reason()) {
                case WRONG_PASSWORD, UNKNOWN_USER -> refuse(c, 0x86, 4, r.message());
                case ANONYMOUS_NOT_ALLOWED, NOT_AUTHORIZED -> refuse(c, 0x87, 5, r.message());
                case THROTTLED -> refuse(c, 0x8A, 5, r.message());
            }
            return;
        }
        Identity identity = ((AuthResult.Accepted) result).identity();
        if (!identity.clientId().equals(clientId)) {
            identity = new Identity(identity.kind(), identity.user(), clientId);
        }
        c.state.identity = identity;
        ConnectionState st = c.state;
        c.broker
                .registry()
                .connect(
                        clientId,
                        new ConnectRequest(identity, st.protocolLevel, st.cleanStart, st.grantedExpiry, will, c));
    }

    /** The session took us: CONNACK with the negotiated values, keep-alive armed, held packets processed. */
    static void accepted(MqttConnection c, Session s, boolean sessionPresent) {
        ConnectionState st = c.state;
        st.state = MqttConnection.State.CONNECTED;
        st.countedConnected = true;
        c.session = s;
        c.broker.stats().connected();
        var limits = c.broker.limits();
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (st.v5) {
            props = new MqttProperties();
            if (limits.receiveMaximum() < 65_535) {
                props.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, limits.receiveMaximum()));
            }
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, (int)
                    Math.min(limits.maxPacketSize().bytes(), 268_435_460L)));
            props.add(
                    new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, limits.topicAliasMaximum()));
            if (st.assignedClientId) {
                props.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, st.clientId));
            }
            if (st.serverKeepAlive >= 0) {
                props.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, st.serverKeepAlive));
            }
            if (st.grantedExpiry != st.requestedExpiry) {
                props.add(new MqttProperties.IntegerProperty(
                        MqttProperties.SESSION_EXPIRY_INTERVAL, (int) st.grantedExpiry));
            }
            st.inboundAliases = new String[limits.topicAliasMaximum() + 1];
        }
        if (c.events.packets()) c.events.sending(c.who(), "CONNACK (" + (sessionPresent ? 1 : 0) + ", 0)");
        c.writer().write(Packets.connAck(0, sessionPresent, props));
        ChannelPipeline pipeline = c.channel().pipeline();
        if (st.keepAlive > 0) {
            // [MQTT-3.1.2-24] one and a half times the keep-alive without any packet closes the connection
            pipeline.replace(
                    HandlerNames.KEEPALIVE,
                    HandlerNames.KEEPALIVE,
                    new IdleStateHandler(st.keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        } else {
            pipeline.remove(HandlerNames.KEEPALIVE);
        }
        c.events.clientConnected(
                c.remote(),
                c.who(),
                st.protocolLevel,
                st.bridge,
                st.cleanStart,
                st.keepAlive,
                c.identity().user());
        c.executor().execute(c::authenticationDone); // after the session's redelivery, which follows this call
    }

    /** Refuses the CONNECT: CONNACK with the reason, log line (rate-limited), close. */
    static void refuse(MqttConnection c, int v5Reason, int v3ReturnCode, String reason) {
        ConnectionState st = c.state;
        if (st.state == MqttConnection.State.CLOSED) return;
        boolean wasAuthenticating = st.state == MqttConnection.State.AUTHENTICATING;
        st.closeReason = reason;
        st.state = MqttConnection.State.CLOSED;
        if (wasAuthenticating) c.authenticationDone(); // releases the packets held meanwhile
        if (c.channel().remoteAddress() instanceof InetSocketAddress remote) {
            c.listener
                    .refusals()
                    .refused(
                            remote.getAddress(),
                            c.remote(),
                            c.listener.name(),
                            st.clientId == null ? "" : st.clientId,
                            c.userForLog(),
                            reason);
        }
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        int code = v3ReturnCode;
        if (st.v5) {
            props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
            code = v5Reason;
        }
        if (c.events.packets()) c.events.sending(c.who(), "CONNACK (0, " + code + ")");
        c.closeAfterWrite(Packets.connAck(code, false, props));
    }

    /** A CONNECT the decoder could not read: CONNACK where a code exists for it, else just close. */
    static void refuseUndecodable(MqttConnection c, DecodeFailure f) {
        // the decoder records the version as soon as it has read it
        c.state.v5 = c.channel().attr(MQTT_VERSION).get() == MqttVersion.MQTT_5;
        if (f.v3ReturnCode() > 0 || c.state.v5) {
            int v3 = f.v3ReturnCode() > 0 ? f.v3ReturnCode() : 2;
            refuse(c, f.v5Reason(), v3, f.reason());
        } else {
            Disconnector.malformed(c, f.v5Reason(), f.reason());
        }
    }
}

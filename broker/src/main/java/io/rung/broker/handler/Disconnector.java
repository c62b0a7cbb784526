package io.rung.broker.handler;

import io.rung.broker.event.RefusalLog;
import java.net.InetSocketAddress;

/**
 * The single exit for connections the broker closes: logs the reason once, sends MQTT 5 clients a DISCONNECT with
 * the reason code (MQTT 5 §4.13) when the protocol allows, then closes.
 */
final class Disconnector {
    private Disconnector() {}

    /** Malformed packet: 0x81 or the more precise code (0x90 topic name invalid, 0x95 packet too large). */
    static void malformed(MqttConnection c, int v5Reason, String reason) {
        if (closing(c)) return;
        c.events.malformed(c.who(), reason);
        close0(c, v5Reason, reason);
    }

    /** Protocol error: 0x82 (or another code the caller names). */
    static void protocolError(MqttConnection c, String reason) {
        protocolError(c, 0x82, reason);
    }

    static void protocolError(MqttConnection c, int v5Reason, String reason) {
        if (closing(c)) return;
        c.events.protocolError(c.who(), reason);
        close0(c, v5Reason, reason);
    }

    /** Any other server-side close: keep-alive timeout, takeover, shutdown, stalled subscriber. */
    static void close(MqttConnection c, int v5Reason, String reason) {
        if (closing(c)) return;
        c.events.disconnected(c.who(), reason);
        close0(c, v5Reason, reason);
    }

    /**
     * A connection that failed (transport refusal, keep-alive timeout, packet too large): one line through the
     * rate-limited refusal log, with client id and user once CONNECT has named them.
     */
    static void failed(MqttConnection c, int v5Reason, String reason) {
        if (c.ctx == null || c.state.closeReason != null) return; // logged once, by whoever closed first
        if (c.channel().remoteAddress() instanceof InetSocketAddress a) {
            RefusalLog log = c.listener.refusals();
            String clientId = c.state.clientId;
            if (clientId == null) {
                log.refusedBeforeConnect(a.getAddress(), c.remote(), c.listener.name(), reason);
            } else {
                log.closed(a.getAddress(), c.remote(), c.listener.name(), clientId, c.userForLog(), reason);
            }
        }
        close0(c, v5Reason, reason);
    }

    private static boolean closing(MqttConnection c) {
        return c.state.state == MqttConnection.State.CLOSED || c.ctx == null;
    }

    private static void close0(MqttConnection c, int v5Reason, String reason) {
        boolean connected = c.state.state == MqttConnection.State.CONNECTED;
        c.state.closeReason = reason;
        c.state.state = MqttConnection.State.CLOSED;
        if (c.state.v5 && connected) {
            c.closeAfterWrite(Packets.disconnect(v5Reason, reason));
        } else {
            c.channel().close();
        }
    }
}

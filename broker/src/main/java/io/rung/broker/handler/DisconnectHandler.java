package io.rung.broker.handler;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.rung.broker.codec.PropertyReader;
import io.rung.broker.session.Session;

/** DISCONNECT from the client (MQTT 5 §3.14): reason 0x04 keeps the will, anything else discards it. */
final class DisconnectHandler {
    private DisconnectHandler() {}

    static void handle(MqttConnection c, MqttMessage m) {
        ConnectionState st = c.state;
        Session s = c.session;
        int reason = 0;
        if (st.v5 && m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader vh) {
            reason = vh.reasonCode() & 0xFF;
            Integer expiry = PropertyReader.integer(vh.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
            if (expiry != null) {
                long requested = expiry & 0xFFFF_FFFFL;
                if (st.requestedExpiry == 0 && requested != 0) {
                    // [MQTT-3.14.2-2] a session that expires on close cannot be given an expiry at DISCONNECT
                    Disconnector.protocolError(c, "session expiry set at DISCONNECT after 0 at CONNECT");
                    return;
                }
                if (s != null)
                    s.expirySeconds(Math.min(
                            requested, c.broker.limits().maxSessionExpiry().toSeconds()));
            }
        }
        if (c.events.packets()) c.events.received(c.who(), "DISCONNECT (rc" + reason + ")");
        boolean withWill = reason == 0x04; // Disconnect with Will Message
        st.normalDisconnect = !withWill;
        if (!withWill && s != null) s.discardWill(); // [MQTT-3.14.4-3]
        st.closeReason = withWill ? "disconnected with will" : "disconnected";
        if (st.countedConnected) c.events.closedCleanly(c.who());
        st.state = MqttConnection.State.CLOSED;
        c.channel().close();
    }
}

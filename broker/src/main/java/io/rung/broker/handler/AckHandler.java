package io.rung.broker.handler;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.rung.broker.session.Session;

/** PUBACK, PUBREC, PUBREL and PUBCOMP from the client (MQTT 5 §3.4–3.7). */
final class AckHandler {
    private AckHandler() {}

    static void handle(MqttConnection c, MqttMessage m) {
        Session s = c.session;
        if (s == null) return;
        int packetId = ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
        int reason = m.variableHeader() instanceof MqttPubReplyMessageVariableHeader r ? r.reasonCode() & 0xFF : 0;
        var type = m.fixedHeader().messageType();
        if (c.events.packets()) c.events.received(c.who(), type + " (m" + packetId + ", rc" + reason + ")");
        switch (type) {
            case PUBACK -> s.onPubAck(packetId);
            case PUBREC -> {
                if (s.onPubRec(packetId, reason >= 0x80)) {
                    c.writePubRel(packetId);
                } else if (reason < 0x80 && c.state.v5) {
                    c.writer().write(Packets.pubRel(packetId, 0x92)); // 0x92 Packet Identifier not found
                }
            }
            case PUBCOMP -> s.onPubComp(packetId);
            case PUBREL -> {
                // [MQTT-4.3.3-11] answer PUBCOMP, once a persistent session's store forgot the id; unknown ids get
                // 0x92 in MQTT 5
                boolean known = s.releasedQos2(packetId);
                int code = known || !c.state.v5 ? 0 : 0x92;
                c.pendingAcks().addPubComp(packetId, code, known ? s.forgetQos2(packetId) : PendingAcks.DONE);
            }
            default -> throw new IllegalArgumentException("not an acknowledgement: " + type);
        }
    }
}

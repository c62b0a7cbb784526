package io.rung.broker.handler;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import io.rung.broker.codec.PropertyReader;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.session.Session;
import io.rung.broker.topic.TopicName;
import java.util.concurrent.CompletableFuture;

/** Inbound PUBLISH (MQTT 5 §3.3): topic alias, validation, ACL, QoS 2 duplicates, Receive Maximum, routing, ack. */
final class PublishHandler {
    private PublishHandler() {}

    static void handle(MqttConnection c, MqttPublishMessage m) {
        Session session = c.session;
        if (session == null) return;
        ConnectionState st = c.state;
        var fh = m.fixedHeader();
        int qos = fh.qosLevel().value();
        int packetId = m.variableHeader().packetId();
        String topic = m.variableHeader().topicName();
        MqttProperties props = m.variableHeader().properties();
        if (qos == 0 && fh.isDup()) {
            Disconnector.malformed(c, 0x81, "DUP flag set on a QoS 0 PUBLISH"); // [MQTT-3.3.1-2]
            return;
        }
        if (st.v5) {
            Integer alias = PropertyReader.integer(props, MqttProperties.TOPIC_ALIAS);
            if (alias != null) {
                String[] aliases = st.inboundAliases;
                if (aliases == null || alias == 0 || alias >= aliases.length) {
                    // [MQTT-3.3.2-8], [MQTT-3.3.2-9]: 0x94 Topic Alias invalid
                    Disconnector.protocolError(
                            c,
                            0x94,
                            "topic alias " + alias + " is outside 1.." + (aliases == null ? 0 : aliases.length - 1));
                    return;
                }
                if (topic.isEmpty()) {
                    topic = aliases[alias];
                    if (topic == null) {
                        Disconnector.protocolError(c, "topic alias " + alias + " was never set");
                        return;
                    }
                } else {
                    aliases[alias] = topic;
                }
            }
            if (props.getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER) != null) {
                Disconnector.protocolError(c, "subscription identifier in a PUBLISH from a client"); // [MQTT-3.3.4-6]
                return;
            }
            String responseTopic = PropertyReader.string(props, MqttProperties.RESPONSE_TOPIC);
            if (responseTopic != null && !TopicName.isValid(responseTopic)) {
                Disconnector.protocolError(c, "response topic '" + responseTopic + "' is not a valid topic name");
                return;
            }
        }
        String problem = TopicName.problem(topic);
        if (problem != null) {
            if (topic.isEmpty()) Disconnector.protocolError(c, problem);
            else Disconnector.malformed(c, 0x90, problem);
            return;
        }
        int size = m.payload().readableBytes();
        if (c.events.packets()) {
            c.events.received(c.who(), BrokerEvents.publish(fh.isDup(), qos, fh.isRetain(), packetId, topic, size));
        }
        Identity who = c.identity();
        if (TopicName.isSys(topic)
                || (!who.isTrusted() && !c.broker.options().acl().mayPublish(who, topic))) {
            denied(c, session, qos, packetId, topic);
            return;
        }
        if (qos == 2 && !session.receivedQos2(packetId)) {
            ack(c, packetId, 2, 0); // a resent QoS 2 message already routed: PUBREC again, route nothing
            return;
        }
        if (st.v5
                && qos > 0
                && c.pendingAcks().qos1Count() + (qos == 1 ? 1 : 0) + session.inboundQos2Count()
                        > c.broker.limits().receiveMaximum()) {
            // [MQTT-3.3.4-9]: 0x93 Receive Maximum exceeded
            Disconnector.protocolError(
                    c,
                    0x93,
                    "more than " + c.broker.limits().receiveMaximum()
                            + " unacknowledged QoS 1 and 2 messages (receive maximum)");
            return;
        }
        MessageProperties mp = st.v5
                ? PropertyReader.message(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, System.nanoTime())
                : MessageProperties.none();
        Origin origin = st.origin;
        if (origin == null) {
            origin = new Origin(who.clientId(), who.user());
            st.origin = origin;
        }
        Message message = new Message(topic, ByteBufUtil.getBytes(m.payload()), qos, fh.isRetain(), mp, origin);
        c.broker.stats().received();
        CompletableFuture<Void> stored = c.broker.router().publish(message, c);
        if (qos == 2) stored = session.routedQos2(packetId, stored);
        if (qos > 0) c.pendingAcks().add(packetId, qos, stored);
    }

    private static void denied(MqttConnection c, Session session, int qos, int packetId, String topic) {
        ConnectionState st = c.state;
        if (!st.deniedLogged || c.events.packets()) {
            st.deniedLogged = true; // one INFO line per connection; the rest only with -v
            c.events.denied(c.who(), "PUBLISH to '" + topic + "' (not authorised)");
        }
        if (qos == 0) return;
        if (st.v5) {
            ack(c, packetId, qos, 0x87); // 0x87 Not authorized
        } else {
            if (qos == 2) session.receivedQos2(packetId); // 3.1.1 has no refusal: complete the flow, drop the message
            ack(c, packetId, qos, 0);
        }
    }

    static void ack(MqttConnection c, int packetId, int qos, int reason) {
        if (qos == 1) {
            if (c.events.packets()) c.events.sending(c.who(), "PUBACK (m" + packetId + ", rc" + reason + ")");
            c.writer().write(Packets.pubAck(packetId, reason));
        } else {
            if (c.events.packets()) c.events.sending(c.who(), "PUBREC (m" + packetId + ", rc" + reason + ")");
            c.writer().write(Packets.pubRec(packetId, reason));
        }
    }
}

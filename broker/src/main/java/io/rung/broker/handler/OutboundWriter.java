package io.rung.broker.handler;

import io.netty.channel.Channel;
import io.rung.broker.codec.OutboundPublish;
import io.rung.broker.codec.PublishEncoder;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes packets to one connection and flushes once per event-loop tick rather than per packet. Also assigns
 * outbound topic aliases (MQTT 5 §3.3.2.3.4) when the client accepts them, and drops PUBLISH packets larger than
 * the client's Maximum Packet Size [MQTT-3.1.2-24].
 */
final class OutboundWriter {
    private final MqttConnection c;
    private final Map<String, Integer> aliases = new HashMap<>();
    private final Runnable flushTask = this::flushNow;
    private boolean flushScheduled;

    OutboundWriter(MqttConnection c) {
        this.c = c;
    }

    void write(Object msg) {
        Channel ch = c.channel();
        ch.write(msg, ch.voidPromise());
        scheduleFlush();
    }

    /** Writes a PUBLISH; false (nothing written) when it expired or is too large for the client. */
    boolean publish(Delivery d, int packetId, boolean dup) {
        ConnectionState st = c.state;
        Publication pub = d.publication();
        long now = System.nanoTime();
        if (pub.expired(now)) return false;
        long expiry = st.v5 && pub.hasExpiry() ? pub.remainingExpirySeconds(now) : -1;
        int alias = 0;
        boolean sendTopic = true;
        boolean newAlias = false;
        if (st.v5 && st.clientTopicAliasMaximum > 0) {
            Integer a = aliases.get(pub.topic());
            if (a != null) {
                alias = a;
                sendTopic = false;
            } else if (aliases.size() < st.clientTopicAliasMaximum) {
                alias = aliases.size() + 1;
                newAlias = true;
            }
        }
        OutboundPublish op = new OutboundPublish(d, packetId, dup, st.v5, alias, sendTopic, expiry);
        if (st.clientMaxPacketSize != Long.MAX_VALUE && PublishEncoder.size(op) > st.clientMaxPacketSize) {
            if (c.events.packets()) {
                c.events.sending(c.who(), "nothing: PUBLISH on '" + pub.topic() + "' is larger than the client's "
                        + "maximum packet size of " + st.clientMaxPacketSize + " bytes, dropped");
            }
            return false;
        }
        if (newAlias) aliases.put(pub.topic(), alias);
        if (c.events.packets()) {
            c.events.sending(c.who(), BrokerEvents.publish(dup, d.qos(), d.retain(), packetId, pub.topic(),
                    pub.message().payload().length));
        }
        Channel ch = c.channel();
        ch.write(op, ch.voidPromise());
        scheduleFlush();
        return true;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            c.channel().eventLoop().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        c.channel().flush();
    }
}

package io.rung.broker.handler;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.rung.broker.auth.Identity;
import io.rung.broker.codec.PropertyReader;
import io.rung.broker.session.Session;
import io.rung.broker.topic.InvalidTopicFilterException;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.broker.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** SUBSCRIBE and UNSUBSCRIBE (MQTT 5 §3.8, §3.10): validate, check the ACL, record, answer, send retained. */
final class SubscribeHandler {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int FILTER_INVALID = 0x8F;
    private static final int V3_FAILURE = 0x80;

    private record Granted(TopicFilter filter, SubscriptionOptions options, boolean isNew) {}

    private SubscribeHandler() {}

    static void subscribe(MqttConnection c, MqttSubscribeMessage m) {
        Session s = c.session;
        if (s == null) return;
        ConnectionState st = c.state;
        int packetId = m.variableHeader().messageId();
        List<MqttTopicSubscription> requested = m.payload().topicSubscriptions();
        if (c.events.packets()) {
            StringBuilder b = new StringBuilder("SUBSCRIBE");
            for (MqttTopicSubscription t : requested) {
                b.append("\n\t")
                        .append(t.topicFilter())
                        .append(" (QoS ")
                        .append(t.qualityOfService().value())
                        .append(')');
            }
            c.events.received(c.who(), b.toString());
        }
        if (requested.isEmpty()) {
            Disconnector.protocolError(c, "SUBSCRIBE without any topic filter"); // [MQTT-3.8.3-3]
            return;
        }
        int subscriptionId = 0;
        if (st.v5) {
            Integer id = PropertyReader.integer(
                    m.idAndPropertiesVariableHeader().properties(), MqttProperties.SUBSCRIPTION_IDENTIFIER);
            if (id != null) {
                if (id == 0) {
                    Disconnector.protocolError(c, "subscription identifier 0"); // [MQTT-3.8.2-?] must be 1..268435455
                    return;
                }
                subscriptionId = id;
            }
        }
        Identity who = c.identity();
        List<Integer> codes = new ArrayList<>(requested.size());
        List<Granted> granted = new ArrayList<>(requested.size());
        for (MqttTopicSubscription t : requested) {
            TopicFilter filter;
            try {
                filter = TopicFilter.parse(t.topicFilter());
            } catch (InvalidTopicFilterException e) {
                codes.add(st.v5 ? FILTER_INVALID : V3_FAILURE);
                continue;
            }
            var o = t.option();
            if (filter.isShared() && o.isNoLocal()) {
                Disconnector.protocolError(
                        c, "no local on shared subscription '" + filter.raw() + "'"); // [MQTT-3.8.3-4]
                return;
            }
            if (!who.isTrusted() && !c.broker.options().acl().maySubscribe(who, filter.filter())) {
                c.events.denied(c.who(), "SUBSCRIBE to '" + filter.raw() + "' (not authorised)");
                codes.add(st.v5 ? NOT_AUTHORIZED : V3_FAILURE);
                continue;
            }
            int qos = o.qos().value();
            // a bridge (mosquitto's bridge flag) gets its own messages not back and retained flags as published
            SubscriptionOptions options = new SubscriptionOptions(
                    qos,
                    st.bridge || (st.v5 && o.isNoLocal()),
                    st.bridge || (st.v5 && o.isRetainAsPublished()),
                    st.v5 ? o.retainHandling().value() : 0,
                    subscriptionId);
            boolean isNew = s.subscribe(filter, options);
            granted.add(new Granted(filter, options, isNew));
            codes.add(qos);
        }
        afterSave(c, s, () -> {
            if (c.events.packets()) c.events.sending(c.who(), "SUBACK");
            c.writer().write(Packets.subAck(packetId, codes));
            for (Granted g : granted) {
                int rh = g.options().retainHandling();
                if (rh == 0 || (rh == 1 && g.isNew())) s.sendRetained(g.filter(), g.options());
            }
        });
    }

    /**
     * Runs {@code answer} once a persistent session's subscriptions are stored, so an acknowledged subscription
     * survives a crash; at once when nothing had to be stored.
     */
    private static void afterSave(MqttConnection c, Session s, Runnable answer) {
        CompletableFuture<Void> saved = s.subscriptionsChanged();
        if (saved.isDone()) {
            answer.run();
        } else {
            saved.whenComplete((v, e) -> c.executor().execute(() -> {
                if (c.session == s && c.state.state == MqttConnection.State.CONNECTED) answer.run();
            }));
        }
    }

    static void unsubscribe(MqttConnection c, MqttUnsubscribeMessage m) {
        Session s = c.session;
        if (s == null) return;
        List<String> filters = m.payload().topics();
        if (c.events.packets()) c.events.received(c.who(), "UNSUBSCRIBE " + filters);
        if (filters.isEmpty()) {
            Disconnector.protocolError(c, "UNSUBSCRIBE without any topic filter"); // [MQTT-3.10.3-2]
            return;
        }
        List<Short> codes = new ArrayList<>(filters.size());
        for (String f : filters) {
            if (TopicFilter.problem(f.startsWith("$share/") ? "x" : f) != null) {
                codes.add((short) FILTER_INVALID);
            } else {
                codes.add(s.unsubscribe(f) ? (short) 0 : (short) 0x11); // 0x11 No subscription existed
            }
        }
        int packetId = m.idAndPropertiesVariableHeader().messageId();
        afterSave(c, s, () -> {
            if (c.events.packets()) c.events.sending(c.who(), "UNSUBACK");
            c.writer().write(Packets.unsubAck(packetId, codes));
        });
    }
}

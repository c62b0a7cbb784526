package io.rung.gateway;

import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Identity;
import io.rung.gateway.port.InboundCommand;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import java.util.Optional;
import java.util.function.Consumer;

/** Adapts the broker's in-process client {@code $gateway} to the gateway's {@link MqttPort}. */
final class BrokerPort implements MqttPort {
    private static final int RETAIN_HANDLING_NEVER = 2;

    private final LocalClient client;
    private final Origin origin;
    private final Acl acl;

    BrokerPort(LocalClient client, Identity identity, Acl acl) {
        this.client = client;
        this.origin = Origin.of(identity);
        this.acl = acl;
    }

    @Override
    public void publish(OutboundMessage m) {
        MessageProperties props = MessageProperties.none().withCorrelationData(m.correlationData());
        Message message = new Message(m.topic(), m.payload(), m.qos(), m.retain(), props, origin);
        if (m.repeat()) {
            client.publishRepeat(message); // a heartbeat: bridges whose remote is down do not queue it
        } else {
            client.publish(message);
        }
    }

    @Override
    public void subscribe(String filter, Consumer<InboundCommand> handler) {
        // QoS 2 so no command is downgraded; no-local so the gateway never sees what it published itself.
        client.subscribe(filter, 2, true, RETAIN_HANDLING_NEVER, m -> handler.accept(toCommand(m)));
    }

    @Override
    public boolean backpressured() {
        return client.backpressured();
    }

    private InboundCommand toCommand(Message m) {
        Identity sender = senderOf(m.origin());
        MessageProperties p = m.properties();
        return new InboundCommand(
                m.topic(),
                m.payload(),
                m.qos(),
                m.retain(),
                p.receivedNanos(),
                p.messageExpirySeconds(),
                p.responseTopic(),
                p.correlationData(),
                m.origin().clientId(),
                m.origin().user(),
                topic -> acl.mayPublish(sender, topic));
    }

    /** The sender as the ACL knows it: a bridge by its {@code bridge:} user, a verified user, or anonymous. */
    static Identity senderOf(Origin origin) {
        Optional<String> user = origin.user();
        if (user.isEmpty()) return Identity.anonymous(origin.clientId());
        if (user.get().startsWith("bridge:")) return Identity.bridge(user.get().substring("bridge:".length()));
        return Identity.user(user.get(), origin.clientId());
    }
}

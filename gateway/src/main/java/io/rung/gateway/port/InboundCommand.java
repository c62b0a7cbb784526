package io.rung.gateway.port;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A message the broker delivered to the gateway's command subscription, with what the gateway needs to judge it.
 *
 * @param retain the retain flag as the sender set it
 * @param receivedNanos when the broker (or a bridge) received it from its sender, on {@link Ticker#system()}
 * @param messageExpirySeconds the MQTT 5 Message Expiry Interval the sender set; empty for none or MQTT 3
 * @param responseTopic the MQTT 5 Response Topic; empty for none or MQTT 3
 * @param correlationData the MQTT 5 Correlation Data
 * @param user the authenticated user name; empty for anonymous senders
 * @param publishAllowed whether the sender's ACL lets it publish to a topic (the Response Topic is checked with it)
 */
public record InboundCommand(
        String topic,
        byte[] payload,
        int qos,
        boolean retain,
        long receivedNanos,
        OptionalLong messageExpirySeconds,
        Optional<String> responseTopic,
        Optional<byte[]> correlationData,
        String clientId,
        Optional<String> user,
        Predicate<String> publishAllowed) {
    /** True if the sender may publish to {@code topic} under its own ACL rights. */
    public boolean mayPublishTo(String topic) {
        return publishAllowed.test(topic);
    }

    /** True if the gateway itself published this message. */
    public boolean fromGateway() {
        return MqttPort.GATEWAY_CLIENT_ID.equals(clientId);
    }
}

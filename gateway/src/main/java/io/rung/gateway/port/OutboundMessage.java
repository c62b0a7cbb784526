package io.rung.gateway.port;

import java.util.Optional;

/**
 * One message the gateway publishes through {@link MqttPort}.
 *
 * @param repeat a heartbeat: value and quality are unchanged since the last publication, so a bridge whose remote
 *     is unreachable need not queue it
 * @param correlationData MQTT 5 Correlation Data, only on a reply sent to a command's Response Topic
 */
public record OutboundMessage(
        String topic, byte[] payload, int qos, boolean retain, boolean repeat, Optional<byte[]> correlationData) {
    public OutboundMessage {
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
    }

    /** A retained message: a point value or a {@code $status}. */
    public static OutboundMessage retained(String topic, byte[] payload, int qos) {
        return new OutboundMessage(topic, payload, qos, true, false, Optional.empty());
    }

    /** A retained heartbeat: the same value and quality as the last publication on this topic. */
    public static OutboundMessage heartbeat(String topic, byte[] payload, int qos) {
        return new OutboundMessage(topic, payload, qos, true, true, Optional.empty());
    }

    /** An empty retained message, which deletes the retained message of {@code topic}. */
    public static OutboundMessage clearRetained(String topic, int qos) {
        return new OutboundMessage(topic, new byte[0], qos, true, false, Optional.empty());
    }

    /** A message that is not retained, such as a command result. */
    public static OutboundMessage notRetained(String topic, byte[] payload, int qos) {
        return new OutboundMessage(topic, payload, qos, false, false, Optional.empty());
    }

    /** A reply to an MQTT 5 request: not retained, carrying the request's Correlation Data (if it had any). */
    public static OutboundMessage reply(String responseTopic, byte[] payload, int qos, Optional<byte[]> correlation) {
        return new OutboundMessage(responseTopic, payload, qos, false, false, correlation);
    }
}

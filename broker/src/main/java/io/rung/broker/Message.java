package io.rung.broker;

import java.util.Objects;

/**
 * An application message as the broker routes it: one instance is shared by every subscriber, so the payload is
 * never copied per subscriber. Treat {@code payload} as read-only.
 *
 * @param qos 0, 1 or 2
 * @param origin who published it
 */
public record Message(
        String topic, byte[] payload, int qos, boolean retain, MessageProperties properties, Origin origin) {
    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
    }

    /** A message without MQTT 5 properties, received now. */
    public static Message of(String topic, byte[] payload, int qos, boolean retain, Origin origin) {
        return new Message(topic, payload, qos, retain, MessageProperties.none(), origin);
    }

    public Message withTopic(String newTopic) {
        return new Message(newTopic, payload, qos, retain, properties, origin);
    }

    public Message withQos(int newQos) {
        return new Message(topic, payload, newQos, retain, properties, origin);
    }

    public Message withRetain(boolean newRetain) {
        return new Message(topic, payload, qos, newRetain, properties, origin);
    }

    public Message withProperties(MessageProperties newProperties) {
        return new Message(topic, payload, qos, retain, newProperties, origin);
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", q" + qos + ", r" + (retain ? 1 : 0) + ", " + payload.length + " bytes]";
    }
}

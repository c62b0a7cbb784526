package io.rung.broker.codec;

import io.rung.broker.routing.Delivery;

/**
 * A PUBLISH ready for {@link PublishEncoder}: the shared delivery plus what belongs to this connection.
 *
 * @param packetId 0 for QoS 0
 * @param topicAlias 0 = none
 * @param sendTopicName false when the alias alone names the topic
 * @param expirySeconds remaining Message Expiry Interval, or -1 when the message has none
 */
public record OutboundPublish(
        Delivery delivery,
        int packetId,
        boolean dup,
        boolean v5,
        int topicAlias,
        boolean sendTopicName,
        long expirySeconds) {}

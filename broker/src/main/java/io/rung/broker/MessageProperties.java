package io.rung.broker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The MQTT 5 properties of a message that travel with it from publisher to subscribers.
 *
 * @param messageExpirySeconds the remaining lifetime at {@code receivedNanos}; empty = never expires
 * @param subscriptionIds on a delivered message, the identifiers of every subscription that matched
 * @param receivedNanos {@link System#nanoTime()} when the broker received the message
 */
public record MessageProperties(
        boolean payloadFormatUtf8,
        OptionalLong messageExpirySeconds,
        Optional<String> contentType,
        Optional<String> responseTopic,
        Optional<byte[]> correlationData,
        List<Map.Entry<String, String>> userProperties,
        List<Integer> subscriptionIds,
        long receivedNanos) {
    public MessageProperties {
        userProperties = List.copyOf(userProperties);
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    /** No properties; received now. */
    public static MessageProperties none() {
        return new MessageProperties(
                false,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                System.nanoTime());
    }

    public MessageProperties withMessageExpirySeconds(OptionalLong v) {
        return new MessageProperties(
                payloadFormatUtf8,
                v,
                contentType,
                responseTopic,
                correlationData,
                userProperties,
                subscriptionIds,
                receivedNanos);
    }

    public MessageProperties withSubscriptionIds(List<Integer> v) {
        return new MessageProperties(
                payloadFormatUtf8,
                messageExpirySeconds,
                contentType,
                responseTopic,
                correlationData,
                userProperties,
                v,
                receivedNanos);
    }

    public MessageProperties withResponseTopic(Optional<String> v) {
        return new MessageProperties(
                payloadFormatUtf8,
                messageExpirySeconds,
                contentType,
                v,
                correlationData,
                userProperties,
                subscriptionIds,
                receivedNanos);
    }

    public MessageProperties withCorrelationData(Optional<byte[]> v) {
        return new MessageProperties(
                payloadFormatUtf8,
                messageExpirySeconds,
                contentType,
                responseTopic,
                v,
                userProperties,
                subscriptionIds,
                receivedNanos);
    }

    public MessageProperties withContentType(Optional<String> v) {
        return new MessageProperties(
                payloadFormatUtf8,
                messageExpirySeconds,
                v,
                responseTopic,
                correlationData,
                userProperties,
                subscriptionIds,
                receivedNanos);
    }

    public MessageProperties withUserProperties(List<Map.Entry<String, String>> v) {
        return new MessageProperties(
                payloadFormatUtf8,
                messageExpirySeconds,
                contentType,
                responseTopic,
                correlationData,
                v,
                subscriptionIds,
                receivedNanos);
    }

    public MessageProperties withPayloadFormatUtf8(boolean v) {
        return new MessageProperties(
                v,
                messageExpirySeconds,
                contentType,
                responseTopic,
                correlationData,
                userProperties,
                subscriptionIds,
                receivedNanos);
    }

    /** True when no property other than the receive time is set. */
    public boolean isEmpty() {
        return !payloadFormatUtf8
                && messageExpirySeconds.isEmpty()
                && contentType.isEmpty()
                && responseTopic.isEmpty()
                && correlationData.isEmpty()
                && userProperties.isEmpty()
                && subscriptionIds.isEmpty();
    }
}

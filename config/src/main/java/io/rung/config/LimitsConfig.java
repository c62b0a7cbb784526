package io.rung.config;

import java.time.Duration;

/** {@code broker.limits}. */
public record LimitsConfig(
        DataSize maxPacketSize,
        int maxQueuedMessages,
        int maxInflight,
        int maxKeepAlive,
        int receiveMaximum,
        Duration maxSessionExpiry,
        int topicAliasMaximum) {
    public static LimitsConfig defaults() {
        return new LimitsConfig(DataSize.ofKiB(256), 10_000, 32, 65_535, 65_535, Duration.ofDays(7), 10);
    }

    public LimitsConfig withMaxPacketSize(DataSize v) {
        return new LimitsConfig(
                v, maxQueuedMessages, maxInflight, maxKeepAlive, receiveMaximum, maxSessionExpiry, topicAliasMaximum);
    }

    public LimitsConfig withMaxQueuedMessages(int v) {
        return new LimitsConfig(
                maxPacketSize, v, maxInflight, maxKeepAlive, receiveMaximum, maxSessionExpiry, topicAliasMaximum);
    }

    public LimitsConfig withMaxInflight(int v) {
        return new LimitsConfig(
                maxPacketSize, maxQueuedMessages, v, maxKeepAlive, receiveMaximum, maxSessionExpiry, topicAliasMaximum);
    }

    public LimitsConfig withMaxKeepAlive(int v) {
        return new LimitsConfig(
                maxPacketSize, maxQueuedMessages, maxInflight, v, receiveMaximum, maxSessionExpiry, topicAliasMaximum);
    }

    public LimitsConfig withReceiveMaximum(int v) {
        return new LimitsConfig(
                maxPacketSize, maxQueuedMessages, maxInflight, maxKeepAlive, v, maxSessionExpiry, topicAliasMaximum);
    }

    public LimitsConfig withMaxSessionExpiry(Duration v) {
        return new LimitsConfig(
                maxPacketSize, maxQueuedMessages, maxInflight, maxKeepAlive, receiveMaximum, v, topicAliasMaximum);
    }

    public LimitsConfig withTopicAliasMaximum(int v) {
        return new LimitsConfig(
                maxPacketSize, maxQueuedMessages, maxInflight, maxKeepAlive, receiveMaximum, maxSessionExpiry, v);
    }
}

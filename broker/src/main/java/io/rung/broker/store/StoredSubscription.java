package io.rung.broker.store;

import io.rung.broker.topic.SubscriptionOptions;

/** One subscription of a stored session; {@code filter} as the client sent it (with any {@code $share/} prefix). */
public record StoredSubscription(String filter, SubscriptionOptions options) {}

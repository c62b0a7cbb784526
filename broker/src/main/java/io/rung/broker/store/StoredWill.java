package io.rung.broker.store;

import io.rung.broker.Message;

/**
 * A will whose connection is gone, waiting for its MQTT 5 Will Delay.
 *
 * @param publishAtEpochMillis when it is due (wall clock, so it survives a restart)
 */
public record StoredWill(String clientId, Message message, long publishAtEpochMillis) {}

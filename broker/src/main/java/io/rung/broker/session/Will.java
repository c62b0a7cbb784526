package io.rung.broker.session;

import io.rung.broker.Message;

/**
 * The Will Message of a connection (MQTT 5 §3.1.2.5).
 *
 * @param delaySeconds MQTT 5 Will Delay Interval; 0 for earlier versions
 */
public record Will(Message message, long delaySeconds) {}

package io.rung.broker.store;

/**
 * A message waiting in a session, in delivery order.
 *
 * @param packetId the packet id when it was sent and not yet acknowledged, 0 while only queued
 * @param released true once PUBREC arrived and PUBREL was sent (QoS 2), so only PUBREL is resent
 */
public record StoredDelivery(StoredMessage message, int qos, int packetId, boolean released) {}

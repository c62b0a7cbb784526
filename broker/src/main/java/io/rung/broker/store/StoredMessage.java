package io.rung.broker.store;

import io.rung.broker.Message;

/**
 * A message as stored. The same id is added to several sessions when several persistent subscribers get it;
 * implementations may store the body once and count references.
 *
 * @param id unique per broker, increasing; see {@link BrokerStore#lastMessageId()}
 * @param expiresAtEpochMillis wall-clock expiry, 0 = never ({@code receivedNanos} does not survive a restart)
 */
public record StoredMessage(long id, Message message, long expiresAtEpochMillis) {}

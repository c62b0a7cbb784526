package io.rung.broker;

import java.util.concurrent.CompletableFuture;

/**
 * Takes the messages of an in-process subscription directly on the publisher's thread, in publish order, for a
 * bridge's queue (see {@link LocalClient#subscribeDurable}). Must not block.
 */
@FunctionalInterface
public interface DurableHandler {
    /**
     * @param publisherWaits true for a QoS 1/2 message from a network client, whose PUBACK/PUBREC waits for the
     *                       returned future; otherwise the future is ignored
     * @param repeat a heartbeat published with {@link LocalClient#publishRepeat}
     */
    CompletableFuture<Void> accept(Message message, boolean publisherWaits, boolean repeat);
}

package io.rung.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Retained messages, one per topic. */
public interface RetainedStore {
    /** Stores or replaces the retained message of its topic. */
    CompletableFuture<Void> put(StoredMessage message);

    /** Clears the retained message of {@code topic}. */
    CompletableFuture<Void> remove(String topic);

    /** At start: every retained message. */
    List<StoredMessage> loadAll();
}

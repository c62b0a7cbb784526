package io.rung.broker.store.memory;

import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Retained messages in a map by topic. */
final class MemoryRetainedStore implements RetainedStore {
    private final Map<String, StoredMessage> byTopic = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> put(StoredMessage message) {
        byTopic.put(message.message().topic(), message);
        return MemorySessionStore.DONE;
    }

    @Override
    public CompletableFuture<Void> remove(String topic) {
        byTopic.remove(topic);
        return MemorySessionStore.DONE;
    }

    @Override
    public List<StoredMessage> loadAll() {
        return List.copyOf(byTopic.values());
    }
}

package io.rung.broker.store.memory;

import io.rung.broker.store.StoredWill;
import io.rung.broker.store.WillStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Pending wills in a map by client id. */
final class MemoryWillStore implements WillStore {
    private final Map<String, StoredWill> byClient = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> put(StoredWill will) {
        byClient.put(will.clientId(), will);
        return MemorySessionStore.DONE;
    }

    @Override
    public CompletableFuture<Void> remove(String clientId) {
        byClient.remove(clientId);
        return MemorySessionStore.DONE;
    }

    @Override
    public List<StoredWill> loadAll() {
        return List.copyOf(byClient.values());
    }
}

package io.rung.broker.store.memory;

import io.rung.broker.store.SessionStore;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.store.StoredSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in maps; the reference behaviour for persistent implementations. */
final class MemorySessionStore implements SessionStore {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, StoredDelivery>> messages = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> awaitingRelease = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> save(StoredSession session) {
        sessions.put(session.clientId(), session);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> remove(String clientId) {
        sessions.remove(clientId);
        messages.remove(clientId);
        awaitingRelease.remove(clientId);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> add(String clientId, StoredMessage message, int qos) {
        Map<Long, StoredDelivery> queue = messages.computeIfAbsent(clientId, k -> new LinkedHashMap<>());
        synchronized (queue) {
            queue.put(message.id(), new StoredDelivery(message, qos, 0, false));
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sent(String clientId, long messageId, int packetId, boolean released) {
        Map<Long, StoredDelivery> queue = messages.get(clientId);
        if (queue != null) {
            synchronized (queue) {
                queue.computeIfPresent(
                        messageId, (id, d) -> new StoredDelivery(d.message(), d.qos(), packetId, released));
            }
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> delete(String clientId, long messageId) {
        Map<Long, StoredDelivery> queue = messages.get(clientId);
        if (queue != null) {
            synchronized (queue) {
                queue.remove(messageId);
            }
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> received(String clientId, int packetId) {
        awaitingRelease
                .computeIfAbsent(clientId, k -> ConcurrentHashMap.newKeySet())
                .add(packetId);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> released(String clientId, int packetId) {
        Set<Integer> ids = awaitingRelease.get(clientId);
        if (ids != null) ids.remove(packetId);
        return DONE;
    }

    @Override
    public List<StoredSession> loadAll() {
        return List.copyOf(sessions.values());
    }

    @Override
    public List<StoredDelivery> deliveries(String clientId) {
        Map<Long, StoredDelivery> queue = messages.get(clientId);
        if (queue == null) return List.of();
        synchronized (queue) {
            return new ArrayList<>(queue.values());
        }
    }

    @Override
    public List<Integer> awaitingRelease(String clientId) {
        Set<Integer> ids = awaitingRelease.get(clientId);
        return ids == null ? List.of() : List.copyOf(ids);
    }
}

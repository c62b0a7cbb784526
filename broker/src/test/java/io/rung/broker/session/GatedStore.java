package io.rung.broker.session;

import io.rung.broker.store.BrokerStore;
import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.SessionStore;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredSubscription;
import io.rung.broker.store.WillStore;
import io.rung.broker.store.memory.MemoryBrokerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A memory store whose session saves and removes stay uncommitted while {@link #hold()} is on, as if the group
 * commit were slow: the test sees what the broker answers before a write is durable. Records every such write.
 */
final class GatedStore implements BrokerStore, SessionStore {
    private final MemoryBrokerStore delegate = new MemoryBrokerStore();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean holding;

    /** From now on, session saves and removes complete only at {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Completes every held write (in order) and stops holding. */
    void release() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            holding = false;
            done = new ArrayList<>(held);
            held.clear();
        }
        for (CompletableFuture<Void> f : done) f.complete(null);
    }

    synchronized int heldWrites() {
        return held.size();
    }

    /** Session writes so far, like {@code save c1 [a/#]} or {@code remove c1}. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    private synchronized CompletableFuture<Void> gate(CompletableFuture<Void> written) {
        if (!holding) return written;
        CompletableFuture<Void> f = new CompletableFuture<>();
        held.add(f);
        return f;
    }

    @Override
    public SessionStore sessions() {
        return this;
    }

    @Override
    public RetainedStore retained() {
        return delegate.retained();
    }

    @Override
    public WillStore wills() {
        return delegate.wills();
    }

    @Override
    public long lastMessageId() {
        return delegate.lastMessageId();
    }

    @Override
    public void close() {
        release();
        delegate.close();
    }

    @Override
    public CompletableFuture<Void> save(StoredSession session) {
        writes.add("save " + session.clientId() + " "
                + session.subscriptions().stream()
                        .map(StoredSubscription::filter)
                        .toList());
        return gate(delegate.sessions().save(session));
    }

    @Override
    public CompletableFuture<Void> remove(String clientId) {
        writes.add("remove " + clientId);
        return gate(delegate.sessions().remove(clientId));
    }

    @Override
    public CompletableFuture<Void> add(String clientId, StoredMessage message, int qos) {
        return delegate.sessions().add(clientId, message, qos);
    }

    @Override
    public CompletableFuture<Void> sent(String clientId, long messageId, int packetId, boolean released) {
        return delegate.sessions().sent(clientId, messageId, packetId, released);
    }

    @Override
    public CompletableFuture<Void> delete(String clientId, long messageId) {
        return delegate.sessions().delete(clientId, messageId);
    }

    @Override
    public CompletableFuture<Void> received(String clientId, int packetId) {
        return delegate.sessions().received(clientId, packetId);
    }

    @Override
    public CompletableFuture<Void> released(String clientId, int packetId) {
        return delegate.sessions().released(clientId, packetId);
    }

    @Override
    public List<StoredSession> loadAll() {
        return delegate.sessions().loadAll();
    }

    @Override
    public List<StoredDelivery> deliveries(String clientId) {
        return delegate.sessions().deliveries(clientId);
    }

    @Override
    public List<Integer> awaitingRelease(String clientId) {
        return delegate.sessions().awaitingRelease(clientId);
    }
}

package io.rung.broker.store.memory;

import io.rung.broker.store.BrokerStore;
import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.SessionStore;
import io.rung.broker.store.WillStore;

/** Keeps everything in memory: every write is complete at once, nothing survives the process. */
public final class MemoryBrokerStore implements BrokerStore {
    private final MemorySessionStore sessions = new MemorySessionStore();
    private final MemoryRetainedStore retained = new MemoryRetainedStore();
    private final MemoryWillStore wills = new MemoryWillStore();

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public RetainedStore retained() {
        return retained;
    }

    @Override
    public WillStore wills() {
        return wills;
    }

    @Override
    public long lastMessageId() {
        return 0;
    }

    @Override
    public void close() {
        // nothing to flush
    }
}

package io.rung.broker.store;

import io.rung.broker.store.memory.MemoryBrokerStore;
import io.rung.broker.store.mvstore.MvBrokerStore;
import io.rung.config.BrokerConfig;

/**
 * Opens the store for a broker configuration ({@code broker.persistence}).
 *
 * <pre>{@code
 * BrokerOptions options = BrokerOptions.defaults().withStore(StoreFactory.mvStore()); // <dir>/broker.mv
 * }</pre>
 */
@FunctionalInterface
public interface StoreFactory {
    BrokerStore open(BrokerConfig config) throws StoreException;

    /** Nothing survives the process; the default for tests. */
    static StoreFactory memory() {
        return config -> new MemoryBrokerStore();
    }

    /** The durable store: {@code <broker.persistence.dir>/broker.mv} with {@code broker.persistence.fsync}. */
    static StoreFactory mvStore() {
        return config -> MvBrokerStore.open(config.persistence());
    }
}

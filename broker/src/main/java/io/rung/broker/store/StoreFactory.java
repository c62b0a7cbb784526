package io.rung.broker.store;

import io.rung.config.BrokerConfig;

/** Opens the store for a broker configuration ({@code broker.persistence}). */
@FunctionalInterface
public interface StoreFactory {
    BrokerStore open(BrokerConfig config) throws StoreException;
}

package io.rung.broker.session;

import io.rung.broker.BrokerOptions;
import io.rung.broker.BrokerStats;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.routing.Router;
import io.rung.broker.store.BrokerStore;
import io.rung.config.LimitsConfig;

/** The broker-wide services a session or connection uses; one per broker, shared by all threads. */
public final class BrokerContext {
    private final Router router;
    private final BrokerStore store;
    private final BrokerStats stats;
    private final LimitsConfig limits;
    private final BrokerOptions options;
    private final BrokerEvents events;
    private final SessionRegistry registry;

    public BrokerContext(
            Router router,
            BrokerStore store,
            BrokerStats stats,
            LimitsConfig limits,
            BrokerOptions options,
            BrokerEvents events) {
        this.router = router;
        this.store = store;
        this.stats = stats;
        this.limits = limits;
        this.options = options;
        this.events = events;
        this.registry = new SessionRegistry(this);
    }

    public Router router() {
        return router;
    }

    public BrokerStore store() {
        return store;
    }

    public BrokerStats stats() {
        return stats;
    }

    public LimitsConfig limits() {
        return limits;
    }

    public BrokerOptions options() {
        return options;
    }

    public BrokerEvents events() {
        return events;
    }

    public SessionRegistry registry() {
        return registry;
    }
}

package io.rung.broker.handler;

import io.rung.broker.event.RefusalLog;
import io.rung.broker.session.BrokerContext;
import java.time.Duration;
import java.util.concurrent.Executor;

/** What the connections of one listener share: the broker, the auth executor, the refusal log and its name. */
public final class ListenerContext {
    /** A connection that sends no CONNECT within this time is closed. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final BrokerContext broker;
    private final Executor authExecutor;
    private final RefusalLog refusals;
    private volatile String name;

    /**
     * @param authExecutor runs the (possibly slow) authenticator off the event loops
     * @param name the listener's name in logs, such as {@code tcp:1883}; updated once the port is known
     */
    public ListenerContext(BrokerContext broker, Executor authExecutor, RefusalLog refusals, String name) {
        this.broker = broker;
        this.authExecutor = authExecutor;
        this.refusals = refusals;
        this.name = name;
    }

    public BrokerContext broker() {
        return broker;
    }

    public Executor authExecutor() {
        return authExecutor;
    }

    public RefusalLog refusals() {
        return refusals;
    }

    public String name() {
        return name;
    }

    public void name(String newName) {
        name = newName;
    }
}

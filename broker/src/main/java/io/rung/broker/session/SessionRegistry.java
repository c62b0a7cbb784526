package io.rung.broker.session;

import io.netty.util.concurrent.EventExecutor;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every session by client id; one Session object lives as long as its session, across connections. */
public final class SessionRegistry {
    private final BrokerContext ctx;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger congested = new AtomicInteger();

    SessionRegistry(BrokerContext ctx) {
        this.ctx = ctx;
    }

    /** Hands the request to the session of its client id (created if needed), on that session's event loop. */
    public void connect(String clientId, ConnectRequest request) {
        Session s = sessions.computeIfAbsent(
                clientId, id -> new Session(id, ctx, request.channel().executor()));
        s.execute(() -> s.takeOver(request));
    }

    /** Creates an offline session restored from the store (at start). */
    public Session restore(String clientId, EventExecutor loop) {
        return sessions.computeIfAbsent(clientId, id -> new Session(id, ctx, loop));
    }

    void remove(Session s) {
        sessions.remove(s.clientId(), s);
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    /** True while some session holds publishers back. */
    public boolean anyCongested() {
        return congested.get() > 0;
    }

    /** Counts subscribers that currently hold publishers back. */
    public void congestionChanged(boolean started) {
        if (started) congested.incrementAndGet();
        else congested.decrementAndGet();
    }
}

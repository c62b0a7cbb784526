package io.rung.broker.session;

import io.netty.util.concurrent.EventExecutorGroup;
import io.rung.broker.Message;
import io.rung.broker.auth.Identity;
import io.rung.broker.store.BrokerStore;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredWill;
import io.rung.broker.topic.TopicName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store's sessions back at start, before any listener accepts clients: first every session with its
 * subscriptions, queued and inflight messages, inbound QoS 2 packet ids and pending will; then, once all
 * subscriptions are in the trie, expiry and will timers start, and wills whose session is gone are published.
 */
public final class StoreRestore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRestore.class);

    private StoreRestore() {}

    /** Restores everything; blocks the starting thread (never an event loop) until the sessions are back. */
    public static void run(BrokerContext ctx, EventExecutorGroup loops) {
        BrokerStore store = ctx.store();
        Map<String, StoredWill> wills = new HashMap<>();
        for (StoredWill w : store.wills().loadAll()) wills.put(w.clientId(), w);
        List<Session> restored = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (StoredSession stored : store.sessions().loadAll()) {
            Session s = ctx.registry().restore(stored.clientId(), loops.next());
            var deliveries = store.sessions().deliveries(stored.clientId());
            var awaitingRelease = store.sessions().awaitingRelease(stored.clientId());
            StoredWill will = wills.remove(stored.clientId());
            CompletableFuture<Void> f = new CompletableFuture<>();
            s.execute(() -> {
                try {
                    s.restore(stored, deliveries, awaitingRelease, will);
                    f.complete(null);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            restored.add(s);
            done.add(f);
        }
        await(done);
        for (Session s : restored) s.execute(s::resumeAfterRestore);
        for (StoredWill orphan : wills.values()) publishOrphanWill(ctx, orphan);
        if (!restored.isEmpty() || !wills.isEmpty()) {
            LOG.info(
                    "Restored {} sessions from the store; published {} wills of ended sessions",
                    restored.size(),
                    wills.size());
        }
    }

    private static void await(List<CompletableFuture<Void>> done) {
        try {
            CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring sessions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "restoring a session failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("restoring sessions took longer than 60 s", e);
        }
    }

    /** A will stored for a session that no longer exists is due now [MQTT-3.1.3-9]; same checks as at disconnect. */
    private static void publishOrphanWill(BrokerContext ctx, StoredWill w) {
        ctx.store().wills().remove(w.clientId());
        Message m = w.message();
        Identity who =
                m.origin().user().map(u -> Identity.user(u, w.clientId())).orElse(Identity.anonymous(w.clientId()));
        if (TopicName.isSys(m.topic()) || !ctx.options().acl().mayPublish(who, m.topic())) {
            ctx.events().denied(w.clientId(), "will to '" + m.topic() + "'");
            return;
        }
        ctx.stats().received();
        ctx.router().publish(m, null).whenComplete((v, e) -> {
            if (e != null) LOG.warn("will of client {} could not be stored: {}", w.clientId(), e.getMessage());
        });
    }
}

package io.rung.broker.session;

import io.rung.broker.Message;
import io.rung.broker.auth.Identity;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredSubscription;
import io.rung.broker.store.StoredWill;
import io.rung.broker.topic.InvalidTopicFilterException;
import io.rung.broker.topic.TopicFilter;
import io.rung.broker.topic.TopicName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takeover, attach, detach, will delay and expiry of one {@link Session}; runs on the session's loop.
 */
final class SessionLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);

    private final Session s;
    private final BrokerContext ctx;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private @Nullable Will will;
    /** A CONNECT whose CONNACK waits for the session record to be committed. */
    private @Nullable ConnectRequest pending;

    private @Nullable CompletableFuture<Void> pendingWrite;
    private @Nullable Will pendingWill;
    private @Nullable ScheduledFuture<?> willTimer;
    private @Nullable ScheduledFuture<?> expiryTimer;
    private long droppedWhileOffline;
    private long pendingWillDueMillis;
    private long restoredDisconnectMillis;

    SessionLifecycle(Session s, BrokerContext ctx) {
        this.s = s;
        this.ctx = ctx;
    }

    /** A new connection wants this client id (MQTT 5 §3.1.4). */
    void takeOver(ConnectRequest req) {
        if (s.ended) {
            ctx.registry().connect(s.clientId(), req); // ended meanwhile: a fresh session
            return;
        }
        Identity who = req.identity();
        if (s.owner != null && !s.owner.equals(who.user().orElse(null))) {
            String reason = "client id '" + s.clientId() + "' belongs to a session of another user";
            // 0x85 Client Identifier not valid / 3.1.1 return code 2
            req.channel().executor().execute(() -> req.channel().refuse(0x85, 2, reason));
            return;
        }
        ClientChannel old = s.channel;
        if (old != null) {
            ctx.events().takenOver(s.clientId(), req.channel().remote());
            old.disconnect(
                    0x8E,
                    "session taken over by a new connection from "
                            + req.channel().remote());
            release(old, true); // [MQTT-3.1.4-3] the old connection's will is published as for any loss
        }
        ConnectRequest waiting = pending;
        CompletableFuture<Void> earlier = pendingWrite;
        if (waiting != null) {
            // an earlier CONNECT still waits for its session record: it never got CONNACK, close it
            pending = null;
            pendingWrite = null;
            ctx.events().takenOver(s.clientId(), req.channel().remote());
            ClientChannel wc = waiting.channel();
            wc.executor()
                    .execute(() -> wc.disconnect(
                            0x8E,
                            "session taken over by a new connection from "
                                    + req.channel().remote()));
        }
        cancel(expiryTimer);
        expiryTimer = null;
        boolean present;
        if (req.cleanStart()) {
            if (pendingWill != null) publishPendingWill(); // the old session ends now
            s.clearState();
            CompletableFuture<Void> removed = s.removeStored();
            if (removed != null) earlier = removed;
            s.owner = ownerOf(who);
            present = false;
        } else {
            cancelPendingWill(); // reconnected within the Will Delay Interval
            present = s.used;
            if (!s.used) s.owner = ownerOf(who);
        }
        CompletableFuture<Void> prior = earlier;
        var target = req.channel().executor();
        if (s.executor() != target) {
            s.setLoop(target);
            target.execute(() -> attach(req, present, prior));
        } else {
            attach(req, present, prior);
        }
    }

    /**
     * Stores the session before CONNACK when the client is told something new about it: a new or replaced persistent
     * session, a changed expiry, protocol or owner, or (clean start) a removed one. CONNACK then waits for the group
     * commit, as PUBACK does, so a crash after CONNACK cannot lose what it announced. A clean session that replaces
     * nothing writes nothing; a persistent session that comes back unchanged does not wait.
     *
     * @param earlier a write CONNACK must wait for too: the remove of a cleared session, or the save of a waiting
     *                CONNECT this one replaced
     */
    private void attach(ConnectRequest req, boolean present, @Nullable CompletableFuture<Void> earlier) {
        if (!req.channel().executor().inEventLoop()) throw new IllegalStateException("attach off the loop");
        StoredSession before = present && s.persistent() ? s.snapshot(0) : null;
        s.adopt(req);
        if (!req.channel().isActive()) {
            lost(req); // the client went away while we were moving the session: treat it as connected-then-lost
            return;
        }
        CompletableFuture<Void> durable = earlier == null ? DONE : earlier;
        if (s.persistent()) {
            StoredSession now = s.snapshot(0);
            CompletableFuture<Void> saved = s.save(now);
            // queued after the earlier write, so its commit covers both
            if (earlier != null || !now.equals(before)) durable = saved;
        } else {
            s.removeStored(); // persistent before, not any more: not awaited, nothing is announced by it
        }
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            open(req, present);
            return;
        }
        pending = req;
        pendingWrite = durable;
        durable.whenComplete((v, e) -> s.execute(() -> stored(req, present, e)));
    }

    /** The record a waiting CONNECT needed is committed (or failed): CONNACK now, unless things changed meanwhile. */
    private void stored(ConnectRequest req, boolean present, @Nullable Throwable failure) {
        if (pending != req) return; // taken over or shut down meanwhile
        pending = null;
        pendingWrite = null;
        if (failure != null) {
            // 0x80 Unspecified error / 3.1.1 return code 3 server unavailable; the session stays, offline
            req.channel().refuse(0x80, 3, "the session could not be stored");
            s.attached(req.channel());
            detach(req.channel(), false);
        } else if (!req.channel().isActive()) {
            lost(req);
        } else {
            open(req, present);
        }
    }

    /** CONNACK, then what waited while the client was away. */
    private void open(ConnectRequest req, boolean present) {
        s.attached(req.channel());
        will = req.will();
        droppedWhileOffline = 0;
        req.channel().connected(s, present);
        s.resend();
        s.drain();
    }

    /** The connection closed before CONNACK: handled like a connection that was lost, will included. */
    private void lost(ConnectRequest req) {
        s.attached(req.channel());
        will = req.will();
        detach(req.channel(), true);
    }

    /** The connection is gone; with {@code abnormal} its will is published after its delay. */
    void detach(ClientChannel ch, boolean abnormal) {
        if (s.channel != ch) return;
        release(ch, abnormal);
        if (!s.persistent()) {
            end();
        } else {
            expiryTimer = s.executor().schedule(this::expire, s.expirySeconds, TimeUnit.SECONDS);
            s.save(s.snapshot(System.currentTimeMillis()));
        }
    }

    /** Takes the session offline and handles the will, without ending or scheduling expiry. */
    private void release(ClientChannel ch, boolean abnormal) {
        if (s.channel != ch) return;
        s.wentOffline();
        Will w = will;
        will = null;
        if (abnormal && w != null) {
            long delay = Math.min(w.delaySeconds(), s.expirySeconds);
            if (delay <= 0) {
                publish(w);
            } else {
                pendingWill = w;
                long dueMillis = System.currentTimeMillis() + delay * 1000;
                ctx.store().wills().put(new StoredWill(s.clientId(), w.message(), dueMillis));
                willTimer = s.executor().schedule(this::publishPendingWill, delay, TimeUnit.SECONDS);
            }
        }
    }

    /** Restores an offline session from the store at start; timers start in {@link #resumeAfterRestore()}. */
    void restore(StoredSession stored, List<StoredDelivery> deliveries, @Nullable StoredWill storedWill) {
        s.owner = stored.user().orElse(null);
        s.protocolLevel = stored.protocolVersion();
        s.expirySeconds(stored.expirySeconds());
        s.used = true;
        s.stored = true;
        for (StoredSubscription sub : stored.subscriptions()) {
            try {
                s.subscribe(TopicFilter.parse(sub.filter()), sub.options());
            } catch (InvalidTopicFilterException e) {
                LOG.warn("stored session {}: skipping subscription: {}", s.clientId(), e.getMessage());
            }
        }
        s.restoreDeliveries(deliveries);
        restoredDisconnectMillis = stored.disconnectedAtEpochMillis();
        if (storedWill != null) {
            pendingWill = new Will(storedWill.message(), 0);
            pendingWillDueMillis = storedWill.publishAtEpochMillis();
        }
    }

    /**
     * After every session is restored (so every subscription is back): the expiry continues from the disconnect
     * time, a pending will from its wall-clock due time; what is already due happens now.
     */
    void resumeAfterRestore() {
        if (s.channel != null || s.ended) return;
        long now = System.currentTimeMillis();
        if (pendingWill != null) {
            long delayMillis = pendingWillDueMillis - now;
            if (delayMillis <= 0) publishPendingWill();
            else willTimer = s.executor().schedule(this::publishPendingWill, delayMillis, TimeUnit.MILLISECONDS);
        }
        long offlineMillis = restoredDisconnectMillis == 0 ? 0 : Math.max(0, now - restoredDisconnectMillis);
        long leftMillis = s.expirySeconds * 1000 - offlineMillis;
        if (leftMillis <= 0) {
            ctx.events().sessionExpired(s.clientId());
            end();
        } else {
            expiryTimer = s.executor().schedule(this::expire, leftMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Broker shutdown: close the connection without publishing the will; keep the session for the store. */
    void shutdown() {
        ConnectRequest waiting = pending;
        if (waiting != null) {
            pending = null;
            pendingWrite = null;
            // 0x88 Server unavailable / 3.1.1 return code 3; the session stays as it was stored
            waiting.channel().executor().execute(() -> waiting.channel().refuse(0x88, 3, "broker shutting down"));
        }
        ClientChannel ch = s.channel;
        if (ch == null) return;
        ch.disconnect(0x8B, "broker shutting down"); // 0x8B Server shutting down
        will = null;
        release(ch, false);
        if (s.persistent()) s.save(s.snapshot(System.currentTimeMillis()));
    }

    /** Drops the will: DISCONNECT with reason 0x00 [MQTT-3.14.4-3]. */
    void discardWill() {
        will = null;
    }

    void queueOverflow() {
        droppedWhileOffline++;
        // one line for the first loss and then one per thousand, so a long outage does not flood the log
        if (droppedWhileOffline == 1 || droppedWhileOffline % 1000 == 0) {
            ctx.events()
                    .queueFull(s.clientId(), droppedWhileOffline, ctx.limits().maxQueuedMessages());
        }
    }

    private void expire() {
        expiryTimer = null;
        if (s.channel != null || s.ended) return;
        ctx.events().sessionExpired(s.clientId());
        end();
    }

    /** The session ends: a pending will goes out now [MQTT-3.1.3-9], state and store entry are removed. */
    private void end() {
        s.ended = true;
        ctx.registry().remove(s);
        if (pendingWill != null) publishPendingWill();
        s.clearState();
        s.removeStored();
    }

    private void publishPendingWill() {
        Will w = pendingWill;
        pendingWill = null;
        cancel(willTimer);
        willTimer = null;
        if (w == null) return;
        ctx.store().wills().remove(s.clientId());
        publish(w);
    }

    private void cancelPendingWill() {
        if (pendingWill == null) return;
        pendingWill = null;
        cancel(willTimer);
        willTimer = null;
        ctx.store().wills().remove(s.clientId());
    }

    private void publish(Will w) {
        Message m = w.message();
        Identity who = s.identity();
        if (TopicName.isSys(m.topic())
                || (!who.isTrusted() && !ctx.options().acl().mayPublish(who, m.topic()))) {
            ctx.events().denied(s.clientId(), "will to '" + m.topic() + "'");
            return;
        }
        ctx.stats().received();
        ctx.router().publish(m, null).whenComplete((v, e) -> {
            if (e != null) LOG.warn("will of client {} could not be stored: {}", s.clientId(), e.getMessage());
        });
    }

    private static @Nullable String ownerOf(Identity who) {
        return who.kind() == Identity.Kind.USER || who.kind() == Identity.Kind.BRIDGE
                ? who.user().orElse(null)
                : null;
    }

    private static void cancel(@Nullable ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}

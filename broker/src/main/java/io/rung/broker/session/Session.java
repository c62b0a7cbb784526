package io.rung.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.rung.broker.ConnectedClient;
import io.rung.broker.auth.Identity;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.PausablePublisher;
import io.rung.broker.routing.Publication;
import io.rung.broker.routing.Subscriber;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredSubscription;
import io.rung.broker.store.StoredWill;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.broker.topic.TopicFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The state of one client id, across its connections: subscriptions, outbound queue and inflight window, inbound
 * QoS 2 packet ids, will and expiry. Everything is touched only on {@link #executor()}, the event loop of its current
 * connection; when a client reconnects on another loop the session moves there ({@link #execute} forwards tasks
 * that arrive at the old loop). Only the volatile flags read by the router are shared.
 */
public final class Session implements Subscriber, OutboundQueue.Events {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** One subscription of this session. */
    public record Subscribed(TopicFilter filter, SubscriptionOptions options) {}

    private final String clientId;
    private final BrokerContext ctx;
    private final OutboundQueue out;
    private final Map<String, Subscribed> subscriptions = new LinkedHashMap<>();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private final Congestion congestion;
    private final SessionLifecycle lifecycle;

    private volatile EventExecutor loop;
    private volatile Identity identity;
    private volatile boolean online;
    private volatile boolean persistent;

    @Nullable
    ClientChannel channel;

    private long connectedAtMillis;
    int protocolLevel = 4;
    long expirySeconds;

    @Nullable
    String owner;

    boolean used;
    /** The store may hold a record of this session: saved (or restored) since its last remove. */
    boolean stored;

    boolean ended;
    private final StallWatch stallWatch;

    Session(String clientId, BrokerContext ctx, EventExecutor loop) {
        this.clientId = clientId;
        this.ctx = ctx;
        this.loop = loop;
        this.identity = Identity.anonymous(clientId);
        WaterMarks marks = ctx.options().waterMarks();
        this.out = new OutboundQueue(marks, ctx.limits().maxQueuedMessages());
        this.congestion = new Congestion(marks);
        this.stallWatch = new StallWatch(congestion, ctx.options().stallTimeout(), this::stalledOut);
        this.lifecycle = new SessionLifecycle(this, ctx);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public boolean online() {
        return online;
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public boolean congested() {
        return congestion.congested();
    }

    @Override
    public boolean acceptsQos0() {
        return congestion.acceptsQos0();
    }

    @Override
    public boolean draining() {
        return congestion.holdsQos0();
    }

    public EventExecutor executor() {
        return loop;
    }

    public int protocolLevel() {
        return protocolLevel;
    }

    /** Runs {@code task} on the session's loop: at once when already there, else queued (and forwarded if moved). */
    public void execute(Runnable task) {
        EventExecutor l = loop;
        if (l.inEventLoop()) {
            task.run();
        } else {
            l.execute(() -> {
                if (loop.inEventLoop()) task.run();
                else execute(task);
            });
        }
    }

    // ---- connection lifecycle (see SessionLifecycle) ----

    void takeOver(ConnectRequest request) {
        lifecycle.takeOver(request);
    }

    /** The connection {@code ch} is gone; {@code abnormal} publishes the will (MQTT 5 §3.1.2.5). */
    public void detach(ClientChannel ch, boolean abnormal) {
        lifecycle.detach(ch, abnormal);
    }

    /** Normal DISCONNECT: the will is discarded [MQTT-3.14.4-3]. */
    public void discardWill() {
        lifecycle.discardWill();
    }

    /**
     * At start: rebuilds this offline session from the store (run on its loop); {@code awaitingRelease} are its
     * inbound QoS 2 packet ids, {@code will} its pending will. Timers start with {@link #resumeAfterRestore()}.
     */
    public void restore(
            StoredSession stored,
            List<StoredDelivery> deliveries,
            List<Integer> awaitingRelease,
            @Nullable StoredWill will) {
        identity = stored.user().map(u -> Identity.user(u, clientId)).orElse(Identity.anonymous(clientId));
        inboundQos2.addAll(awaitingRelease);
        lifecycle.restore(stored, deliveries, will);
    }

    /** At start, once every session is restored: starts expiry and will timers; an expired session ends now. */
    public void resumeAfterRestore() {
        lifecycle.resumeAfterRestore();
    }

    /** Broker shutdown: DISCONNECT 0x8B to MQTT 5 clients, no will. */
    public void shutdown() {
        lifecycle.shutdown();
    }

    /** {@link #shutdown()} if the connection came in on {@code listener}, such as an HTTP port that stops first. */
    public void shutdownIfOn(String listener) {
        ClientChannel ch = channel;
        if (ch != null && ch.listener().equals(listener)) shutdown();
    }

    /** Messages waiting to be sent; safe to read from any thread (metrics). */
    public int queuedNow() {
        return out.depth();
    }

    /** The connected client as the client list shows it, or null when offline; call on {@link #executor()}. */
    public @Nullable ConnectedClient connectedClient() {
        ClientChannel ch = channel;
        if (ch == null) return null;
        return new ConnectedClient(
                clientId,
                identity.user(),
                ConnectedClient.version(protocolLevel),
                ch.listener(),
                ch.transport(),
                ch.remote(),
                java.time.Instant.ofEpochMilli(connectedAtMillis),
                subscriptions.size(),
                out.queued(),
                out.inflight().size());
    }

    void restoreDeliveries(List<StoredDelivery> deliveries) {
        for (StoredDelivery sd : deliveries) {
            Publication pub = Publication.restored(sd.message());
            if (pub == null) {
                ctx.store().sessions().delete(clientId, sd.message().id());
                continue;
            }
            Delivery d = new Delivery(pub, sd.qos(), false, Delivery.NO_IDS);
            if (sd.packetId() != 0) out.inflight().restore(sd.packetId(), d, sd.released());
            else out.offerOffline(d);
        }
    }

    /** MQTT 5 DISCONNECT may change the expiry (never from 0 to non-zero, the caller checks). */
    public void expirySeconds(long seconds) {
        expirySeconds = seconds;
        persistent = seconds > 0;
    }

    public long expirySeconds() {
        return expirySeconds;
    }

    public boolean isAttachedTo(ClientChannel ch) {
        return channel == ch;
    }

    /** Takes the CONNECT's identity, protocol and expiry, before the connection is attached. */
    void adopt(ConnectRequest req) {
        identity = req.identity();
        protocolLevel = req.protocolLevel();
        expirySeconds(req.expirySeconds());
        used = true;
    }

    /** The connection becomes the session's: deliveries go to it from now on. */
    void attached(ClientChannel ch) {
        channel = ch;
        connectedAtMillis = System.currentTimeMillis();
        online = true;
    }

    void setLoop(EventExecutor newLoop) {
        loop = newLoop;
    }

    /** The connection went away: the queue becomes the offline queue. */
    void wentOffline() {
        channel = null;
        online = false;
        stallWatch.stop();
        List<Delivery> dropped = out.goOffline();
        for (Delivery d : dropped) dropped(d);
        setCongested(false);
    }

    /** Clean start or end: forget subscriptions, messages and inbound QoS 2 state. */
    void clearState() {
        for (Subscribed s : subscriptions.values()) ctx.router().subscriptions().unsubscribe(s.filter(), this);
        subscriptions.clear();
        out.clear();
        inboundQos2.clear();
        setCongested(false);
    }

    // ---- subscriptions ----

    /**
     * After SUBSCRIBE or UNSUBSCRIBE: a persistent session stores its subscriptions; the future completes once they
     * are durable (at once for other sessions), and SUBACK/UNSUBACK wait for it.
     */
    public CompletableFuture<Void> subscriptionsChanged() {
        if (!persistent) return DONE;
        return save(snapshot(0));
    }

    /** Adds or replaces a subscription; true if it is new (for Retain Handling 1). */
    public boolean subscribe(TopicFilter filter, SubscriptionOptions options) {
        ctx.router().subscriptions().subscribe(filter, this, options);
        Subscribed old = subscriptions.put(filter.raw(), new Subscribed(filter, options));
        return old == null;
    }

    /** True if the subscription existed. */
    public boolean unsubscribe(String rawFilter) {
        Subscribed s = subscriptions.remove(rawFilter);
        if (s == null) return false;
        ctx.router().subscriptions().unsubscribe(s.filter(), this);
        return true;
    }

    public Map<String, Subscribed> subscriptions() {
        return subscriptions;
    }

    /** Sends the retained messages matching a new subscription (MQTT 5 §3.3.1.3, [MQTT-3.3.1-9]). */
    public void sendRetained(TopicFilter filter, SubscriptionOptions options) {
        if (filter.isShared()) return; // retained messages are not sent to shared subscriptions
        int[] ids = options.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {options.subscriptionId()};
        Identity who = identity;
        ctx.router().retained().match(filter.filter(), pub -> {
            if (!who.isTrusted() && !ctx.options().acl().mayReceive(who, pub.topic())) return;
            int qos = Math.min(pub.message().qos(), options.qos());
            // [MQTT-3.3.1-8] messages sent because of a new subscription carry RETAIN=1
            Delivery d = new Delivery(pub, qos, true, ids);
            if (qos > 0 && persistent) ctx.store().sessions().add(clientId, pub.stored(), qos);
            onDelivery(d);
        });
    }

    // ---- inbound QoS 2 ----

    /** Records an inbound QoS 2 packet id; false if it is already awaiting PUBREL (a duplicate). */
    public boolean receivedQos2(int packetId) {
        return inboundQos2.add(packetId);
    }

    /**
     * An inbound QoS 2 message was routed ({@code routed} completes when its deliveries are stored). A persistent
     * session also stores its packet id, after the message, so a PUBLISH re-sent after a restart is not routed
     * again; PUBREC waits for the returned future.
     */
    public CompletableFuture<Void> routedQos2(int packetId, CompletableFuture<Void> routed) {
        if (!persistent) return routed;
        CompletableFuture<Void> stored = ctx.store().sessions().received(clientId, packetId);
        if (routed.isDone() && !routed.isCompletedExceptionally()) return stored;
        return CompletableFuture.allOf(routed, stored);
    }

    /** PUBREL: true if the id was known. */
    public boolean releasedQos2(int packetId) {
        return inboundQos2.remove(packetId);
    }

    /** After PUBREL of a known id: a persistent session forgets the stored id; PUBCOMP waits for the future. */
    public CompletableFuture<Void> forgetQos2(int packetId) {
        return persistent ? ctx.store().sessions().released(clientId, packetId) : DONE;
    }

    public int inboundQos2Count() {
        return inboundQos2.size();
    }

    // ---- delivery ----

    @Override
    public void deliver(Delivery delivery) {
        EventExecutor l = loop;
        if (l.inEventLoop()) {
            onDelivery(delivery);
            return;
        }
        long weight = congestion.handedOver(delivery);
        l.execute(() -> {
            congestion.arrived(weight);
            if (loop.inEventLoop()) onDelivery(delivery);
            else execute(() -> onDelivery(delivery)); // the session moved meanwhile
        });
    }

    void onDelivery(Delivery d) {
        if (ended) {
            if (d.qos() > 0)
                ctx.store().sessions().delete(clientId, d.publication().id());
            return;
        }
        if (channel != null) {
            if (!out.offerOnline(d)) {
                ctx.stats().dropped();
                return;
            }
            drain();
        } else {
            Delivery droppedOne = out.offerOffline(d);
            if (droppedOne != null) {
                if (droppedOne.qos() == 0) return; // QoS 0 is never queued offline; not a loss to count
                dropped(droppedOne);
                lifecycle.queueOverflow();
            }
        }
    }

    /** Writes what the window and the socket allow; call after acks and when the socket becomes writable. */
    public void drain() {
        ClientChannel ch = channel;
        if (ch == null) return;
        if (out.drain(ch, this) > 0) progressed();
        switch (out.updateCongestion()) {
            case STARTED -> {
                setCongested(true);
                stallWatch.start(loop);
            }
            case ENDED -> setCongested(false);
            case NONE -> {}
        }
    }

    void resend() {
        ClientChannel ch = channel;
        if (ch != null) out.resend(ch, this);
    }

    @Override
    public void sent(Delivery d, int packetId) {
        ctx.stats().sent();
        if (packetId != 0 && persistent) {
            ctx.store().sessions().sent(clientId, d.publication().id(), packetId, false);
        }
    }

    @Override
    public void dropped(Delivery d) {
        ctx.stats().dropped();
        if (d.qos() > 0 && persistent)
            ctx.store().sessions().delete(clientId, d.publication().id());
    }

    /** PUBACK from the client. */
    public void onPubAck(int packetId) {
        Inflight.Entry e = out.inflight().complete(packetId, false);
        if (e != null) acknowledged(e);
    }

    /** PUBREC from the client: true if PUBREL must be sent; an error reason ends the flow. */
    public boolean onPubRec(int packetId, boolean error) {
        if (error) {
            Inflight.Entry e = out.inflight().remove(packetId);
            if (e != null) acknowledged(e);
            return false;
        }
        Inflight.Entry e = out.inflight().release(packetId);
        if (e == null) return false;
        if (persistent)
            ctx.store().sessions().sent(clientId, e.delivery().publication().id(), packetId, true);
        progressed();
        return true;
    }

    /** PUBCOMP from the client. */
    public void onPubComp(int packetId) {
        Inflight.Entry e = out.inflight().complete(packetId, true);
        if (e != null) acknowledged(e);
    }

    private void acknowledged(Inflight.Entry e) {
        if (persistent)
            ctx.store().sessions().delete(clientId, e.delivery().publication().id());
        progressed();
        drain();
    }

    // ---- backpressure ----

    @Override
    public void resumeWhenDrained(PausablePublisher publisher) {
        congestion.waitForDrain(publisher);
    }

    @Override
    public void resumeWhenDrainedOrStalled(PausablePublisher publisher) {
        congestion.waitForDrainOrStall(publisher);
    }

    private void setCongested(boolean value) {
        if (congestion.congested() == value) return;
        congestion.congested(value);
        ctx.registry().congestionChanged(value);
        if (!value) stallWatch.stop();
    }

    /** A message was written or acknowledged; only counted while congested (stalls are measured from then). */
    private void progressed() {
        if (congestion.congested()) stallWatch.progressed();
    }

    /** Congested without progress for {@code stallTimeout}: disconnected, its queue becomes the offline queue. */
    private void stalledOut() {
        ClientChannel ch = channel;
        if (ch == null) return;
        // MQTT 5: 0x97 Quota exceeded
        ch.disconnect(
                0x97,
                "no progress for " + ctx.options().stallTimeout().toSeconds() + " s while holding publishers back ("
                        + out.queued() + " messages queued)");
        detach(ch, true);
    }

    /** Queued (not yet sent) messages, for tests and stats. */
    public int queued() {
        return out.queued();
    }

    public int inflight() {
        return out.inflight().size();
    }

    /** Stores the session's record; from now on the store may hold it. */
    CompletableFuture<Void> save(StoredSession record) {
        stored = true;
        return ctx.store().sessions().save(record);
    }

    /**
     * Removes the session from the store if it may be there; null (no write at all) for a session that was never
     * stored, such as a clean session.
     */
    @Nullable
    CompletableFuture<Void> removeStored() {
        if (!stored) return null;
        stored = false;
        return ctx.store().sessions().remove(clientId);
    }

    StoredSession snapshot(long disconnectedAtEpochMillis) {
        List<StoredSubscription> subs = new ArrayList<>(subscriptions.size());
        for (var e : subscriptions.entrySet())
            subs.add(new StoredSubscription(e.getKey(), e.getValue().options()));
        return new StoredSession(
                clientId, Optional.ofNullable(owner), protocolLevel, expirySeconds, disconnectedAtEpochMillis, subs);
    }
}

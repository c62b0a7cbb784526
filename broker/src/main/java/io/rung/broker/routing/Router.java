package io.rung.broker.routing;

import io.rung.broker.BrokerStats;
import io.rung.broker.Message;
import io.rung.broker.auth.Acl;
import io.rung.broker.store.SessionStore;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.topic.SharedGroup;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.broker.topic.SubscriptionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Routes a published message: updates the retained store, matches the subscription trie, merges overlapping
 * subscriptions of one subscriber into one delivery, checks the ACL, stores QoS 1/2 deliveries of persistent
 * sessions and hands each delivery to its subscriber's event loop. Runs on the publisher's thread; thread-safe.
 */
public final class Router {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final SubscriptionTree<Subscriber> subscriptions;
    private final RetainedMessages retained;
    private final Acl acl;
    private final SessionStore sessionStore;
    private final BrokerStats stats;
    private final AtomicLong ids;

    public Router(
            SubscriptionTree<Subscriber> subscriptions,
            RetainedMessages retained,
            Acl acl,
            SessionStore sessionStore,
            BrokerStats stats,
            long lastMessageId) {
        this.subscriptions = subscriptions;
        this.retained = retained;
        this.acl = acl;
        this.sessionStore = sessionStore;
        this.stats = stats;
        this.ids = new AtomicLong(lastMessageId);
    }

    public SubscriptionTree<Subscriber> subscriptions() {
        return subscriptions;
    }

    public RetainedMessages retained() {
        return retained;
    }

    /** Wraps a message with a new store id. */
    public Publication publication(Message message) {
        return new Publication(ids.incrementAndGet(), message);
    }

    /**
     * Routes {@code message}. The future completes when every store write it caused is durable; the caller
     * acknowledges a QoS 1/2 PUBLISH only then. {@code publisher} is paused if a subscriber is congested.
     */
    public CompletableFuture<Void> publish(Message message, @Nullable PausablePublisher publisher) {
        return publish(message, publisher, false);
    }

    /**
     * As {@link #publish(Message, PausablePublisher)}; {@code repeat} marks a heartbeat for the bridges (see
     * {@link Publication#repeat()}). The retained store keeps a copy without the mark: a retained message sent on
     * subscribe is the current state, not a repeat.
     */
    public CompletableFuture<Void> publish(Message message, @Nullable PausablePublisher publisher, boolean repeat) {
        long id = ids.incrementAndGet();
        Publication pub = new Publication(id, message, repeat);
        CompletableFuture<Void> result =
                !message.retain() ? DONE : retained.update(repeat ? new Publication(id, message) : pub);
        Targets targets = new Targets(message.origin().clientId(), message.qos());
        subscriptions.match(message.topic(), targets);
        List<CompletableFuture<Void>> pending = null;
        if (!result.isDone() || result.isCompletedExceptionally()) {
            pending = new ArrayList<>(2);
            pending.add(result);
        }
        StoredMessage stored = null;
        boolean paused = false;
        int reached = 0;
        int blocking = 0;
        for (int i = 0; i < targets.size; i++) {
            Target t = targets.items[i];
            Subscriber s = t.subscriber;
            if (!s.identity().isTrusted() && !acl.mayReceive(s.identity(), message.topic())) continue;
            int qos = Math.min(message.qos(), t.qos);
            if (qos == 0) {
                if (!s.acceptsQos0()) {
                    stats.dropped(); // [design] QoS 0 for a full queue is dropped and counted, never held
                    // a subscriber that stalled, or the publisher itself, never makes a QoS 0 publisher wait
                    if (s.draining() && !s.clientId().equals(targets.publisherId)) {
                        t.blocking = true;
                        blocking++;
                    }
                    continue;
                }
            } else if (s.congested() && publisher != null) {
                if (!paused) {
                    publisher.pause();
                    paused = true;
                }
                s.resumeWhenDrained(publisher);
            }
            Delivery d = new Delivery(pub, qos, t.retainAsPublished && message.retain(), t.ids());
            if (qos > 0 && s.persistent()) {
                if (stored == null) stored = pub.stored();
                CompletableFuture<Void> f = sessionStore.add(s.clientId(), stored, qos);
                if (!f.isDone() || f.isCompletedExceptionally()) {
                    if (pending == null) pending = new ArrayList<>(4);
                    pending.add(f);
                }
            }
            if (qos > 0 && publisher != null) { // a network client waits for its PUBACK/PUBREC: durable taps
                CompletableFuture<Void> f = s.deliverBeforeAck(d);
                if (!f.isDone() || f.isCompletedExceptionally()) {
                    if (pending == null) pending = new ArrayList<>(4);
                    pending.add(f);
                }
            } else {
                s.deliver(d);
            }
            reached++;
        }
        if (publisher != null) {
            if (reached > 0) {
                publisher.reached();
            } else if (blocking > 0 && publisher.blocked()) {
                // [design] the message reached no one: the publisher waits until one of its subscribers drains
                for (int i = 0; i < targets.size; i++) {
                    Target t = targets.items[i];
                    if (t.blocking) t.subscriber.resumeWhenDrainedOrStalled(publisher);
                }
            }
        }
        if (pending == null) return DONE;
        if (pending.size() == 1) return pending.get(0);
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    }

    /** One subscriber's merged matches. */
    private static final class Target {
        final Subscriber subscriber;
        int qos;
        boolean retainAsPublished;
        boolean blocking;
        int @Nullable [] ids;
        int idCount;

        Target(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        void add(SubscriptionOptions o) {
            qos = Math.max(qos, o.qos());
            retainAsPublished |= o.retainAsPublished();
            if (o.subscriptionId() != 0) {
                if (ids == null) ids = new int[2];
                else if (idCount == ids.length) ids = java.util.Arrays.copyOf(ids, idCount * 2);
                ids[idCount++] = o.subscriptionId();
            }
        }

        int[] ids() {
            if (ids == null) return Delivery.NO_IDS;
            return idCount == ids.length ? ids : java.util.Arrays.copyOf(ids, idCount);
        }
    }

    /** Collects matches; overlapping subscriptions of one subscriber become one target (MQTT 5 §3.3.4). */
    private static final class Targets implements SubscriptionTree.Visitor<Subscriber> {
        final String publisherId;
        final int publishQos;
        Target[] items = new Target[4];
        int size;
        java.util.@Nullable IdentityHashMap<Subscriber, Target> index;

        Targets(String publisherId, int publishQos) {
            this.publisherId = publisherId;
            this.publishQos = publishQos;
        }

        @Override
        public void subscription(Subscriber subscriber, SubscriptionOptions options) {
            // [MQTT-3.8.3-3] No Local: never send a message back to the client that published it
            if (options.noLocal() && subscriber.clientId().equals(publisherId)) return;
            find(subscriber).add(options);
        }

        @Override
        public void shared(SharedGroup<Subscriber> group) {
            SharedGroup.Member<Subscriber> m = group.pick(Subscriber::online);
            if (m == null) return;
            Target t = new Target(m.subscriber()); // a shared subscription is its own copy, never merged
            t.add(m.options());
            append(t);
        }

        private Target find(Subscriber s) {
            if (index != null) {
                Target t = index.get(s);
                if (t == null) {
                    t = new Target(s);
                    index.put(s, t);
                    append(t);
                }
                return t;
            }
            for (int i = 0; i < size; i++) if (items[i].subscriber == s) return items[i];
            Target t = new Target(s);
            append(t);
            if (size > 8) {
                index = new java.util.IdentityHashMap<>();
                for (int i = 0; i < size; i++) index.put(items[i].subscriber, items[i]);
            }
            return t;
        }

        private void append(Target t) {
            if (size == items.length) items = java.util.Arrays.copyOf(items, size * 2);
            items[size++] = t;
        }
    }
}

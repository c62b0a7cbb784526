package io.rung.broker.local;

import io.rung.broker.DurableHandler;
import io.rung.broker.Message;
import io.rung.broker.auth.Identity;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.PausablePublisher;
import io.rung.broker.routing.Publication;
import io.rung.broker.routing.Subscriber;
import io.rung.broker.session.SessionRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One filter of an in-process client with its handler. Its queue is the handler's backlog: above the high-water
 * mark it is congested like a slow network subscriber (QoS 0 dropped, publishers paused).
 */
final class LocalSubscription implements Subscriber {
    private final Identity identity;
    private final Consumer<Message> handler;
    private final @Nullable DurableHandler direct;
    private final SerialExecutor executor;
    private final SessionRegistry registry;
    private final Runnable droppedCounter;
    private final int highWater;
    private final int lowWater;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<PausablePublisher> waiters = ConcurrentHashMap.newKeySet();
    private volatile boolean congested;
    private volatile boolean closed;

    LocalSubscription(
            Identity identity,
            Consumer<Message> handler,
            @Nullable DurableHandler direct,
            SerialExecutor executor,
            SessionRegistry registry,
            Runnable droppedCounter,
            int highWater,
            int lowWater) {
        this.identity = identity;
        this.handler = handler;
        this.direct = direct;
        this.executor = executor;
        this.registry = registry;
        this.droppedCounter = droppedCounter;
        this.highWater = highWater;
        this.lowWater = lowWater;
    }

    @Override
    public String clientId() {
        return identity.clientId();
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public boolean online() {
        return !closed;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean congested() {
        return congested;
    }

    @Override
    public void deliver(Delivery d) {
        if (closed) return;
        if (direct != null) { // a bridge: straight into its queue, in publish order, never congested
            if (!d.publication().expired(System.nanoTime()))
                direct.accept(toMessage(d), false, d.publication().repeat());
            return;
        }
        if (d.qos() == 0 && congested) {
            droppedCounter.run();
            return;
        }
        if (pending.incrementAndGet() >= highWater) setCongested(true);
        executor.execute(() -> {
            try {
                Publication pub = d.publication();
                if (!closed && !pub.expired(System.nanoTime())) handler.accept(toMessage(d));
            } finally {
                if (pending.decrementAndGet() <= lowWater) setCongested(false);
            }
        });
    }

    @Override
    public CompletableFuture<Void> deliverBeforeAck(Delivery d) {
        if (direct == null || closed) return Subscriber.super.deliverBeforeAck(d);
        return direct.accept(toMessage(d), true, d.publication().repeat());
    }

    private static Message toMessage(Delivery d) {
        Message m = d.publication().message();
        var props = m.properties();
        if (d.subscriptionIds().length > 0) {
            props = props.withSubscriptionIds(
                    Arrays.stream(d.subscriptionIds()).boxed().collect(Collectors.toList()));
        }
        return new Message(m.topic(), m.payload(), d.qos(), d.retain(), props, m.origin());
    }

    @Override
    public void resumeWhenDrained(PausablePublisher publisher) {
        waiters.add(publisher);
        if (!congested && waiters.remove(publisher)) publisher.resume();
    }

    private synchronized void setCongested(boolean value) {
        if (congested == value) return;
        congested = value;
        registry.congestionChanged(value);
        if (!value) {
            for (PausablePublisher p : waiters) if (waiters.remove(p)) p.resume();
        }
    }

    void close() {
        closed = true;
        setCongested(false);
    }
}

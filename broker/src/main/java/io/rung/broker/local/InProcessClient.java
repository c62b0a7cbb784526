package io.rung.broker.local;

import io.rung.broker.DurableHandler;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import io.rung.broker.routing.Delivery;
import io.rung.broker.session.BrokerContext;
import io.rung.broker.topic.InvalidTopicFilterException;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.broker.topic.TopicFilter;
import io.rung.broker.topic.TopicName;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LocalClient}: publishes through the router on the caller's thread, delivers on its own executor. */
public final class InProcessClient implements LocalClient {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessClient.class);

    private final BrokerContext ctx;
    private final Identity identity;
    private final SerialExecutor executor;
    private final Map<String, Subscribed> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Subscribed(TopicFilter filter, LocalSubscription subscription) {}

    public InProcessClient(BrokerContext ctx, Identity identity, Executor pool) {
        this.ctx = ctx;
        this.identity = identity;
        this.executor = new SerialExecutor(pool);
    }

    @Override
    public CompletableFuture<Void> publish(Message message) {
        return publish(message, false);
    }

    @Override
    public CompletableFuture<Void> publishRepeat(Message message) {
        return publish(message, true);
    }

    private CompletableFuture<Void> publish(Message message, boolean repeat) {
        if (closed)
            return CompletableFuture.failedFuture(
                    new IllegalStateException("client " + identity.clientId() + " is closed"));
        String problem = TopicName.problem(message.topic());
        if (problem != null) return CompletableFuture.failedFuture(new PublishRefusedException(problem));
        if (TopicName.isSys(message.topic())) {
            return CompletableFuture.failedFuture(new PublishRefusedException("clients may not publish to $SYS"));
        }
        if (!identity.isTrusted() && !ctx.options().acl().mayPublish(identity, message.topic())) {
            return CompletableFuture.failedFuture(
                    new PublishRefusedException("not authorised to publish to '" + message.topic() + "'"));
        }
        Message m = new Message(
                message.topic(),
                message.payload(),
                message.qos(),
                message.retain(),
                message.properties(),
                Origin.of(identity));
        ctx.stats().received();
        return ctx.router().publish(m, null, repeat);
    }

    @Override
    public void subscribe(String filter, int qos, boolean noLocal, int retainHandling, Consumer<Message> handler) {
        subscribe(filter, qos, noLocal, retainHandling, handler, null);
    }

    @Override
    public void subscribeDurable(String filter, int qos, boolean noLocal, int retainHandling, DurableHandler handler) {
        subscribe(filter, qos, noLocal, retainHandling, m -> {}, handler);
    }

    private void subscribe(
            String filter,
            int qos,
            boolean noLocal,
            int retainHandling,
            Consumer<Message> handler,
            @Nullable DurableHandler direct) {
        if (closed) throw new IllegalStateException("client " + identity.clientId() + " is closed");
        TopicFilter f;
        try {
            f = TopicFilter.parse(filter);
        } catch (InvalidTopicFilterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!identity.isTrusted() && !ctx.options().acl().maySubscribe(identity, f.filter())) {
            LOG.warn("{} may not subscribe to '{}': not subscribed", identity.clientId(), filter);
            return;
        }
        var o = ctx.options();
        LocalSubscription sub = new LocalSubscription(
                identity,
                handler,
                direct,
                executor,
                ctx.registry(),
                ctx.stats()::dropped,
                o.highWaterMark(),
                o.lowWaterMark());
        // In-process clients always see the retain flag as its publisher set it (MQTT 5 Retain As Published): the
        // gateway must recognise and refuse retained commands, and bridges forward the flag unchanged.
        SubscriptionOptions options = new SubscriptionOptions(qos, noLocal, true, retainHandling, 0);
        Subscribed old = subscriptions.put(filter, new Subscribed(f, sub));
        if (old != null) {
            ctx.router().subscriptions().unsubscribe(old.filter(), old.subscription());
            old.subscription().close();
        }
        ctx.router().subscriptions().subscribe(f, sub, options);
        if (f.isShared() || retainHandling == 2 || (retainHandling == 1 && old != null)) return;
        ctx.router().retained().match(f.filter(), pub -> {
            if (!identity.isTrusted() && !ctx.options().acl().mayReceive(identity, pub.topic())) return;
            sub.deliver(new Delivery(pub, Math.min(qos, pub.message().qos()), true, Delivery.NO_IDS));
        });
    }

    @Override
    public void unsubscribe(String filter) {
        Subscribed s = subscriptions.remove(filter);
        if (s != null) {
            ctx.router().subscriptions().unsubscribe(s.filter(), s.subscription());
            s.subscription().close();
        }
    }

    @Override
    public boolean backpressured() {
        return ctx.registry().anyCongested();
    }

    @Override
    public void close() {
        closed = true;
        for (String f : subscriptions.keySet()) unsubscribe(f);
    }
}

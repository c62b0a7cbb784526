package io.rung.broker;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.rung.broker.auth.Identity;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.event.RefusalLog;
import io.rung.broker.handler.ListenerContext;
import io.rung.broker.listener.Listeners;
import io.rung.broker.listener.WebSocketHandover;
import io.rung.broker.local.InProcessClient;
import io.rung.broker.routing.RetainedMessages;
import io.rung.broker.routing.Router;
import io.rung.broker.routing.Subscriber;
import io.rung.broker.session.BrokerContext;
import io.rung.broker.session.Session;
import io.rung.broker.session.StoreRestore;
import io.rung.broker.store.BrokerStore;
import io.rung.broker.store.StoreException;
import io.rung.broker.sys.SysPublisher;
import io.rung.broker.topic.SubscriptionTree;
import io.rung.config.BrokerConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: binds the configured listeners and runs until {@link #close()}.
 *
 * <pre>{@code
 * try (Broker broker = Broker.start(config.broker(), BrokerOptions.defaults())) {
 *     int port = broker.listeners().get(0).port();
 *     LocalClient gateway = broker.connectLocal(Identity.trusted("$gateway"));
 * }
 * }</pre>
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerContext ctx;
    private final BrokerStats stats;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor authExecutor;
    private final ExecutorService localPool;
    private final ChannelGroup clients;
    private @Nullable Listeners listeners;
    private final List<InProcessClient> locals = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private @Nullable SysPublisher sys;
    private final RefusalLog refusals = new RefusalLog();

    private Broker(BrokerConfig config, BrokerOptions options, BrokerStore store) {
        SubscriptionTree<Subscriber> tree = new SubscriptionTree<>();
        RetainedMessages retained = new RetainedMessages(store.retained());
        retained.load();
        BrokerContext[] holder = new BrokerContext[1];
        this.stats = new BrokerStats(
                () -> holder[0].registry().size(),
                retained::size,
                tree::size,
                () -> queueDepths(holder[0].registry().all()));
        Router router = new Router(tree, retained, options.acl(), store.sessions(), stats, store.lastMessageId());
        this.ctx =
                new BrokerContext(router, store, stats, config.limits(), options, new BrokerEvents(options.verbose()));
        holder[0] = ctx;
        this.boss = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("rung-accept", true), NioIoHandler.newFactory());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("rung-mqtt", true), NioIoHandler.newFactory());
        this.authExecutor = new ThreadPoolExecutor(
                1,
                2,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024),
                new DefaultThreadFactory("rung-auth", true));
        this.localPool = Executors.newCachedThreadPool(new DefaultThreadFactory("rung-local", true));
        this.clients = new DefaultChannelGroup("mqtt-clients", GlobalEventExecutor.INSTANCE);
    }

    /** Opens the store, binds every listener, or fails with a one-line reason such as "port 1883 is already in use". */
    public static Broker start(BrokerConfig config, BrokerOptions options) throws BrokerException {
        BrokerStore store;
        try {
            store = options.store().open(config);
        } catch (StoreException e) {
            throw new BrokerException("cannot open the store: " + e.getMessage(), e);
        }
        Broker broker = new Broker(config, options, store);
        try {
            broker.restoreSessions();
            RefusalLog refusals = broker.refusals;
            broker.listeners = Listeners.bind(
                    config.listeners(),
                    broker.boss,
                    broker.workers,
                    name -> new ListenerContext(broker.ctx, broker.authExecutor, refusals, name),
                    broker.clients);
            broker.timers.add(broker.workers.next().scheduleAtFixedRate(refusals::sweep, 60, 60, TimeUnit.SECONDS));
            if (!config.sysInterval().isZero()) {
                SysPublisher sys = new SysPublisher(broker.ctx.router(), broker.stats, options.version());
                broker.sys = sys;
                long ms = config.sysInterval().toMillis();
                broker.timers.add(broker.workers.next().scheduleAtFixedRate(sys, 0, ms, TimeUnit.MILLISECONDS));
            }
        } catch (BrokerException | RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Rung broker {} started", options.version());
        return broker;
    }

    private void restoreSessions() {
        StoreRestore.run(ctx, workers);
    }

    public List<BoundListener> listeners() {
        Listeners l = listeners;
        return l == null ? List.of() : l.bound();
    }

    /**
     * Reloads the certificate and key (and client CA) of every TLS listener, for SIGHUP; connected clients stay
     * connected, new handshakes use the new files. Files that cannot be used are logged and the old ones stay.
     *
     * @return true when every TLS listener reloaded
     */
    public boolean reloadCertificates() {
        Listeners l = listeners;
        return l == null || l.reloadCertificates();
    }

    /** An in-process client; {@code identity.clientId()} is its client id, such as {@code $gateway}. */
    public LocalClient connectLocal(Identity identity) {
        InProcessClient c = new InProcessClient(ctx, identity, localPool);
        synchronized (locals) {
            locals.add(c);
        }
        return c;
    }

    /**
     * Adds values to publish under {@code $SYS/} at every {@code sysInterval} (retained, when changed), such as a
     * bridge's counters; ignored when {@code sysInterval} is 0.
     */
    public void addSysValues(java.util.function.Supplier<java.util.Map<String, String>> values) {
        if (sys != null) sys.addSource(values);
    }

    public BrokerStats stats() {
        return stats;
    }

    private static BrokerStats.QueueDepths queueDepths(Collection<Session> sessions) {
        long total = 0;
        int deepest = 0;
        for (Session s : sessions) {
            int n = s.queuedNow();
            total += n;
            deepest = Math.max(deepest, n);
        }
        return new BrokerStats.QueueDepths(total, deepest, sessions.size());
    }

    /**
     * The MQTT clients connected over the network now (in-process clients are not listed), sorted by client id;
     * each session is asked on its own event loop, so the future completes once every one has answered.
     */
    public CompletableFuture<List<ConnectedClient>> connectedClients() {
        List<CompletableFuture<@Nullable ConnectedClient>> answers = new ArrayList<>();
        for (Session s : ctx.registry().all()) {
            if (!s.online()) continue;
            CompletableFuture<@Nullable ConnectedClient> f = new CompletableFuture<>();
            try {
                s.execute(() -> f.complete(s.connectedClient()));
            } catch (RejectedExecutionException stopping) {
                f.complete(null);
            }
            answers.add(f);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(v -> answers.stream()
                        .map(CompletableFuture::join)
                        .filter(Objects::nonNull)
                        .map(Objects::requireNonNull)
                        .sorted(Comparator.comparing(ConnectedClient::clientId))
                        .toList());
    }

    /**
     * MQTT over WebSocket for connections another HTTP server accepts, such as the gateway's HTTP port at
     * {@code /mqtt}: same authentication, ACL, limits and statistics as the broker's own WebSocket listeners.
     *
     * @param name the connections' listener name in logs and client lists, such as {@code http:8080}
     * @param path the WebSocket path, such as {@code /mqtt}
     */
    public WebSocketHandover webSocketHandover(String name, String path) {
        return new WebSocketHandover(new ListenerContext(ctx, authExecutor, refusals, name), path, clients);
    }

    /** Graceful stop within 10 s: MQTT 5 clients get DISCONNECT 0x8B, listeners and store are closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (ScheduledFuture<?> t : timers) t.cancel(false);
        if (listeners != null) listeners.close();
        for (Session s : ctx.registry().all()) {
            if (s.online()) s.execute(s::shutdown);
        }
        if (!clients.newCloseFuture().awaitUninterruptibly(3, TimeUnit.SECONDS)) {
            clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        synchronized (locals) {
            for (InProcessClient c : locals) c.close();
        }
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
        authExecutor.shutdownNow();
        localPool.shutdownNow();
        ctx.store().close();
        LOG.info("Rung broker stopped");
    }

    @Nullable
    BrokerContext context() {
        return ctx;
    }
}

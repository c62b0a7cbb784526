package io.rung.broker.bridge;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rung.broker.Broker;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.auth.Identity;
import io.rung.config.BridgeConfig;
import io.rung.config.PersistenceConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge: an MQTT client inside the broker. Local messages matching an {@code out} rule go through its
 * {@link Forwarder} to the remote; messages from the remote matching an {@code in} rule come back through
 * {@link Inbound}. This class owns the link: connect, CONNACK, status messages, reconnect with back-off, clean
 * shutdown. All its state lives on one thread of its own ({@code rung-bridge-<name>}); Netty's event loop only
 * moves bytes and hands packets over.
 */
final class Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    /** Netty's decoder reads the protocol version of a client connection from this channel attribute. */
    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    static final Duration DRAIN = Duration.ofSeconds(2);
    static final Duration OFFLINE_ACK = Duration.ofSeconds(1);
    static final int MAX_INCOMING_PACKET = 16 * 1024 * 1024;
    static final long PERSISTENT_SESSION_EXPIRY = TimeUnit.DAYS.toSeconds(7);
    /** At most this many messages go from the hand-off to the queue before the bridge sends. */
    static final int HANDOFF_BATCH = 1024;

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BridgeConfig config;
    private final RemoteEndpoint endpoint;
    private final EventLoopGroup io;
    private final ScheduledThreadPoolExecutor thread;
    private final LocalClient local;
    private final String localId;
    private final Counters counters = new Counters();
    private final Forwarder forwarder;
    private final Handoff handoff;
    private final Inbound inbound;
    private final Backoff backoff =
            new Backoff(() -> ThreadLocalRandom.current().nextDouble());
    private final OncePerKey refusedFilters = new OncePerKey(1000);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean tryPrivate;
    private @Nullable Link link;
    private @Nullable ScheduledFuture<?> retry;
    private boolean closing;
    private @Nullable String loggedFailure;
    private volatile BridgeStatus.State state = BridgeStatus.State.DISCONNECTED;
    private volatile @Nullable String lastError;

    private Bridge(
            BridgeConfig config,
            RemoteEndpoint endpoint,
            ForwardQueue queue,
            Fsync fsync,
            LocalClient local,
            EventLoopGroup io) {
        this.config = config;
        this.endpoint = endpoint;
        this.io = io;
        this.local = local;
        this.localId = Identity.bridge(config.name()).clientId();
        this.tryPrivate = config.tryPrivate();
        this.thread =
                new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("rung-bridge-" + config.name(), true));
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        TopicRemap remap = new TopicRemap(config.in());
        boolean v5 = config.protocol() == BridgeConfig.Protocol.MQTT_5;
        LoopGuard guard = v5 || config.in().isEmpty() ? null : new LoopGuard(System::nanoTime);
        this.forwarder = new Forwarder(
                config.name(),
                config.buffer(),
                config.cleanStart() ? 2 : 1,
                queue,
                counters,
                guard,
                remap,
                fsync,
                this::execute,
                task -> executeLater(task, QueueCommits.BATCH_SYNC_MILLIS));
        this.handoff = new Handoff(config.buffer(), counters.dropped);
        this.inbound = new Inbound(config.name(), config.statusTopic(), local, remap, guard, counters);
    }

    /**
     * Opens the queue in {@code <persistence.dir>/bridges/}, subscribes the {@code out} rules locally and starts
     * connecting in the background; the queue syncs as {@code persistence.fsync} says.
     */
    static Bridge start(BridgeConfig config, Broker broker, PersistenceConfig persistence, EventLoopGroup io)
            throws BridgeException {
        RemoteEndpoint endpoint = RemoteEndpoint.of(config);
        ForwardQueue queue;
        try {
            queue = ForwardQueue.open(
                    persistence.dir().resolve("bridges").resolve(config.name() + ".mv"),
                    config.buffer(),
                    persistence.fsync());
        } catch (QueueException e) {
            throw new BridgeException("bridge " + config.name() + ": " + e.getMessage(), e);
        }
        if (queue.count() > 0) {
            LOG.info("Bridge {} has {} messages queued from before the restart.", config.name(), queue.count());
        }
        Bridge b = new Bridge(
                config, endpoint, queue, persistence.fsync(), broker.connectLocal(Identity.bridge(config.name())), io);
        for (BridgeConfig.Rule rule : config.out()) {
            // No Local and the origin check: what this bridge republished from the remote never goes back out
            b.local.subscribeDurable(
                    rule.topic(), 2, true, 0, (m, durable, repeat) -> b.offer(rule, m, durable, repeat));
        }
        b.execute(b::connect);
        return b;
    }

    private boolean isOwn(Message m) {
        return m.origin().clientId().equals(localId);
    }

    /**
     * On the publisher's thread: hands the message to the bridge's thread through the bounded {@link Handoff}, in
     * publish order; a durable message's future completes once it is on disk.
     */
    private CompletableFuture<Void> offer(BridgeConfig.Rule rule, Message m, boolean durable, boolean repeat) {
        if (isOwn(m)) return DONE;
        CompletableFuture<Void> written = durable ? new CompletableFuture<>() : null;
        if (handoff.push(Forwarder.item(rule, m, repeat, written)) && !execute(this::takeHandoff)) {
            refuse(handoff.take(Integer.MAX_VALUE).items()); // stopped: nothing takes them any more
        }
        return written == null ? DONE : written;
    }

    /** On the bridge's thread: queues the next batch from the hand-off and sends. */
    private void takeHandoff() {
        Handoff.Batch b = handoff.take(HANDOFF_BATCH);
        if (state == BridgeStatus.State.STOPPED) {
            refuse(b.items());
        } else {
            forwarder.accept(b.items(), b.dropped());
        }
        if (b.more()) execute(this::takeHandoff); // after what came meanwhile (acks), so they are not held up
    }

    private void refuse(List<Handoff.Item> items) {
        for (Handoff.Item i : items) {
            if (i.written() != null) {
                i.written().completeExceptionally(new QueueException("bridge " + config.name() + " is closed", null));
            }
        }
    }

    /** Runs {@code task} on the bridge's thread; false once the bridge has stopped. */
    boolean execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Bridge {}: unexpected failure", config.name(), e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code tasks} in order as one task on the bridge's thread; false once the bridge has stopped. */
    boolean execute(List<Runnable> tasks) {
        return execute(() -> {
            for (Runnable t : tasks) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.error("Bridge {}: unexpected failure", config.name(), e);
                }
            }
        });
    }

    /** Runs {@code task} on the bridge's thread {@code millis} from now; nothing once the bridge has stopped. */
    private void executeLater(Runnable task, long millis) {
        try {
            thread.schedule(() -> execute(task), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Bridge {} has stopped: a delayed task is not run", config.name());
        }
    }

    private void connect() {
        retry = null;
        if (closing) return;
        state = BridgeStatus.State.CONNECTING;
        boolean v5 = config.protocol() == BridgeConfig.Protocol.MQTT_5;
        ConnectPacket connect = new ConnectPacket(
                v5,
                !v5 && tryPrivate,
                config.clientId(),
                config.cleanStart(),
                (int) config.keepAlive().toSeconds(),
                config.username(),
                config.password().map(s -> s.value().getBytes(StandardCharsets.UTF_8)),
                config.statusTopic(),
                StatusPayload.offlineWill(),
                config.cleanStart() ? 0 : PERSISTENT_SESSION_EXPIRY,
                MAX_INCOMING_PACKET);
        NioSocketChannel ch = new NioSocketChannel();
        ch.config().setConnectTimeoutMillis(10_000);
        ch.config().setTcpNoDelay(true);
        ch.attr(MQTT_VERSION).set(v5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
        Link l = new Link(ch, v5);
        SslHandler ssl = endpoint.newSslHandler(ch.alloc());
        if (ssl != null) ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("mqtt-decoder", new MqttDecoder(MAX_INCOMING_PACKET));
        ch.pipeline().addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        ch.pipeline().addLast("connect-encoder", new ConnectEncoder());
        ch.pipeline().addLast("bridge", new RemoteHandler(this, l, connect));
        link = l;
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
        } catch (UnknownHostException e) {
            linkDown(l, "unknown host " + endpoint.host());
            return;
        }
        io.register(ch).addListener(r -> {
            if (!r.isSuccess()) {
                execute(() -> linkDown(l, Reasons.of(r.cause())));
                return;
            }
            ch.connect(address).addListener(c -> {
                if (!c.isSuccess()) {
                    ch.close();
                    execute(() -> linkDown(l, Reasons.of(c.cause())));
                }
            });
        });
    }

    void connAck(Link l, RemoteHandler.ConnAck ack) {
        if (l != link) return;
        if (ack.code() != 0) {
            if (!l.v5 && ack.code() == 1 && tryPrivate) {
                tryPrivate = false;
                LOG.info(
                        "Bridge {}: the remote refused the bridge flag (protocol level 0x84); trying again as a "
                                + "plain MQTT 3.1.1 client (tryPrivate: false skips this).",
                        config.name());
            }
            l.close();
            return;
        }
        l.ready = true;
        l.window = Math.max(1, Math.min(Link.WINDOW, ack.receiveMaximum()));
        l.maxQos = ack.maximumQos();
        l.retainAvailable = ack.retainAvailable();
        l.maxPacketSize = ack.maximumPacketSize();
        state = BridgeStatus.State.CONNECTED;
        lastError = null;
        loggedFailure = null;
        backoff.reset();
        LOG.info(
                "Bridge {} connected to {} as {} (p{}, c{}, k{}).",
                config.name(),
                endpoint.url(),
                config.clientId(),
                l.v5 ? 5 : 4,
                config.cleanStart() ? 1 : 0,
                config.keepAlive().toSeconds());
        inbound.sessionStarted(ack.sessionPresent());
        publishStatus(l, StatusPayload.online());
        if (!config.in().isEmpty()) l.subscribe(config.in());
        forwarder.linkUp(l);
    }

    private void publishStatus(Link l, byte[] payload) {
        l.publish(Link.STATUS, config.statusTopic(), payload, 1, l.retainAvailable, MqttProperties.NO_PROPERTIES);
        l.channel.flush();
    }

    void subAck(Link l, List<Integer> codes) {
        if (l != link) return;
        for (int i = 0; i < codes.size() && i < config.in().size(); i++) {
            int code = codes.get(i);
            String filter = config.in().get(i).topic();
            if (code >= 0x80 && refusedFilters.first(filter)) {
                LOG.warn(
                        "Bridge {}: the remote refused the subscription to '{}': {}; nothing arrives for it.",
                        config.name(),
                        filter,
                        l.v5 ? Reasons.code(code) : "failure (0x80)");
            }
        }
    }

    void remoteAck(Link l, MqttMessageType type, int packetId, int reason) {
        if (l != link) return;
        Link.Outgoing o = forwarder.acknowledged(l, type, packetId, reason);
        if (o != null && o.seq == Link.STATUS && closing) leave(l);
    }

    void remotePublish(Link l, Inbound.Publish p) {
        if (l == link && l.ready) inbound.accept(l, p);
    }

    void remoteRelease(Link l, int packetId) {
        if (l == link) inbound.released(l, packetId);
    }

    void pump() {
        forwarder.pump();
    }

    void linkDown(Link l, String reason) {
        if (l != link) return;
        link = null;
        boolean wasConnected = l.ready;
        forwarder.linkDown();
        if (closing) {
            finishClose();
            return;
        }
        state = BridgeStatus.State.DISCONNECTED;
        lastError = reason;
        Duration delay = backoff.next();
        long seconds = (delay.toMillis() + 500) / 1000;
        if (wasConnected) {
            LOG.warn(
                    "Bridge {} lost connection: {}; {} messages queued, reconnecting in {} s.",
                    config.name(),
                    reason,
                    counters.queued,
                    seconds);
        } else if (!reason.equals(loggedFailure)) {
            LOG.warn(
                    "Bridge {} cannot connect to {}: {}; {} messages queued, retrying in {} s.",
                    config.name(),
                    endpoint.url(),
                    reason,
                    counters.queued,
                    seconds);
        } else {
            LOG.debug(
                    "Bridge {} cannot connect to {}: {}; retrying in {} s.",
                    config.name(),
                    endpoint.url(),
                    reason,
                    seconds);
        }
        loggedFailure = reason;
        retry = thread.schedule(() -> execute(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops within about 3 s: no new local messages, up to 2 s to send what is queued, {@code offline} status, then
     * DISCONNECT; whatever is left goes to disk. The future completes when the queue file is closed.
     */
    CompletableFuture<Void> close() {
        if (!execute(this::beginClose)) stopped.complete(null);
        return stopped;
    }

    private void beginClose() {
        if (closing) return;
        closing = true;
        local.close();
        if (retry != null) retry.cancel(false);
        drainThenLeave(System.nanoTime() + DRAIN.toNanos());
    }

    private void drainThenLeave(long deadline) {
        Link l = link;
        if (l == null) {
            finishClose();
        } else if (!l.ready) {
            l.close(); // linkDown finishes
        } else if ((handoff.count() > 0 || !forwarder.drained()) && System.nanoTime() - deadline < 0) {
            thread.schedule(() -> execute(() -> drainThenLeave(deadline)), 20, TimeUnit.MILLISECONDS);
        } else {
            publishStatus(l, StatusPayload.offline());
            thread.schedule(() -> execute(() -> leave(l)), OFFLINE_ACK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** After the offline status was acknowledged (or not in time): a normal DISCONNECT, so no will is sent. */
    private void leave(Link l) {
        if (l != link) return;
        l.disconnect();
    }

    private void finishClose() {
        if (state == BridgeStatus.State.STOPPED) return;
        try {
            Handoff.Batch rest = handoff.take(Integer.MAX_VALUE); // to disk with the rest of the queue
            forwarder.accept(rest.items(), rest.dropped());
            forwarder.close();
        } catch (QueueException e) {
            LOG.error("Bridge {}: {}", config.name(), e.getMessage());
        } finally {
            state = BridgeStatus.State.STOPPED;
            thread.shutdown();
            stopped.complete(null);
        }
    }

    BridgeStatus status() {
        return new BridgeStatus(
                config.name(),
                config.url(),
                state,
                config.required(),
                counters.queued + handoff.count(),
                counters.queuedBytes + handoff.bytes(),
                counters.sent.get(),
                counters.received.get(),
                counters.dropped.get(),
                counters.skippedHeartbeats.get(),
                Optional.ofNullable(lastError));
    }
}

package io.rung.broker.bridge;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rung.broker.Broker;
import io.rung.config.BridgeConfig;
import io.rung.config.PersistenceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured bridges of a running broker. Start after the broker, close before it:
 *
 * <pre>{@code
 * try (Broker broker = Broker.start(config.broker(), options);
 *      Bridges bridges = Bridges.start(config.bridges(), broker, config.broker().persistence())) {
 *     boolean healthy = bridges.statuses().stream().allMatch(s -> !s.required() || s.connected());
 * }
 * }</pre>
 *
 * Each bridge keeps its queue in {@code <persistence.dir>/bridges/<name>.mv}, synced to the device as
 * {@code persistence.fsync} says (as the broker's store), and publishes its counters under
 * {@code $SYS/broker/bridges/<name>/}. Unreachable remotes never fail the start: bridges retry forever.
 */
public final class Bridges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bridges.class);
    /** Longest wait in {@link #close()}: 2 s of sending, 1 s for the offline status, the rest for the disk. */
    static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final List<Bridge> bridges;
    private final EventLoopGroup io;

    private Bridges(List<Bridge> bridges, EventLoopGroup io) {
        this.bridges = List.copyOf(bridges);
        this.io = io;
    }

    /**
     * Opens every bridge's queue in {@code persistence.dir()} and starts connecting in the background. With
     * {@code fsync} {@code always} or {@code batch}, a QoS 1/2 message a client published is synced to the device
     * before its PUBACK/PUBREC; with {@code never} it is only written (it survives {@code kill -9}, not a power loss).
     *
     * @throws BridgeException when a queue file cannot be opened or a TLS file cannot be used; bridges started
     *                         before it are closed again
     */
    public static Bridges start(List<BridgeConfig> configs, Broker broker, PersistenceConfig persistence)
            throws BridgeException {
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("rung-bridge-io", true), NioIoHandler.newFactory());
        List<Bridge> started = new ArrayList<>();
        try {
            for (BridgeConfig c : configs) started.add(Bridge.start(c, broker, persistence, io));
        } catch (BridgeException | RuntimeException e) {
            new Bridges(started, io).close();
            throw e;
        }
        Bridges bridges = new Bridges(started, io);
        if (!started.isEmpty()) broker.addSysValues(bridges::sysValues);
        return bridges;
    }

    /** The state and counters of every bridge, in configuration order. */
    /** The bridges themselves, in configuration order (tests). */
    List<Bridge> all() {
        return bridges;
    }

    public List<BridgeStatus> statuses() {
        return bridges.stream().map(Bridge::status).toList();
    }

    private Map<String, String> sysValues() {
        Map<String, String> v = new LinkedHashMap<>();
        for (BridgeStatus s : statuses()) v.putAll(s.sysValues());
        return v;
    }

    /** Closes every bridge at once (see DESIGN "Running and operating": up to 2 s of sending each), then the I/O. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing =
                bridges.stream().map(Bridge::close).toList();
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                    .get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Bridges did not stop within {} ms; their queues keep what was committed.", CLOSE_TIMEOUT_MILLIS);
        } catch (ExecutionException e) {
            LOG.error("Bridges did not stop cleanly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}

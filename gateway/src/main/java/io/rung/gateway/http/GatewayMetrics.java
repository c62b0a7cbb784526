package io.rung.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rung.broker.BrokerStats;
import io.rung.broker.bridge.BridgeStatus;
import io.rung.gateway.northbound.PollObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The gateway's Micrometer registry, scraped as Prometheus text at {@code /metrics}: the broker's counters and queue
 * depths, each bridge's backlog, and the duration and failures of each device's polls. Labels are device names only, never client ids, users or topics.
 * Other parts (bridges) add their own meters to {@link #registry()}.
 */
public final class GatewayMetrics implements PollObserver {
    /** What Prometheus expects for its text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, DeviceMeters> devices = new ConcurrentHashMap<>();
    /** Micrometer holds a gauge's state object weakly: these stay reachable here, else their gauges read NaN. */
    private final List<Object> states = new CopyOnWriteArrayList<>();

    private record DeviceMeters(Timer polls, Counter errors) {}

    public MeterRegistry registry() {
        return registry;
    }

    /** Adds gauges and counters that read the broker's live statistics at each scrape. */
    public void bindBroker(BrokerStats stats) {
        states.add(stats);
        Gauge.builder("rung.clients.connected", stats, BrokerStats::clientsConnected)
                .description("MQTT clients connected now")
                .register(registry);
        Gauge.builder("rung.clients.maximum", stats, BrokerStats::clientsMaximum)
                .description("most MQTT clients connected at once since start")
                .register(registry);
        Gauge.builder("rung.sessions", stats, BrokerStats::clientsTotal)
                .description("connected clients plus disconnected persistent sessions")
                .register(registry);
        Gauge.builder("rung.retained.messages", stats, BrokerStats::retainedMessages)
                .register(registry);
        Gauge.builder("rung.subscriptions", stats, BrokerStats::subscriptions).register(registry);
        Gauge.builder("rung.uptime", stats, BrokerStats::uptimeSeconds)
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("rung.messages.received", stats, BrokerStats::messagesReceived)
                .description("PUBLISH packets received, in-process clients included")
                .register(registry);
        FunctionCounter.builder("rung.messages.sent", stats, BrokerStats::messagesSent)
                .description("PUBLISH packets sent to subscribers")
                .register(registry);
        FunctionCounter.builder("rung.messages.dropped", stats, BrokerStats::messagesDropped)
                .description("messages dropped: full or offline queues, expired, too large, QoS 0 under backpressure")
                .register(registry);
        Gauge.builder("rung.messages.queued", stats, s -> s.queueDepths().queued())
                .description("messages waiting in the outbound queues of all sessions, offline ones included")
                .register(registry);
        Gauge.builder("rung.queue.deepest", stats, s -> s.queueDepths().deepest())
                .description("messages waiting for the one session with the longest outbound queue")
                .register(registry);
        FunctionCounter.builder("rung.bytes.received", stats, BrokerStats::bytesReceived)
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder("rung.bytes.sent", stats, BrokerStats::bytesSent)
                .baseUnit("bytes")
                .register(registry);
    }

    /** Adds each bridge's link state, backlog and counters; the set of bridges is fixed at start. */
    public void bindBridges(Supplier<List<BridgeStatus>> statuses) {
        states.add(statuses);
        for (BridgeStatus initial : statuses.get()) {
            String name = initial.name();
            ToDoubleFunction<Supplier<List<BridgeStatus>>> connected = bridge(name, b -> b.connected() ? 1 : 0);
            Gauge.builder("rung.bridge.connected", statuses, connected)
                    .tag("bridge", name)
                    .description("1 while the bridge's link to its remote is up")
                    .register(registry);
            Gauge.builder("rung.bridge.queued", statuses, bridge(name, BridgeStatus::queued))
                    .tag("bridge", name)
                    .description("messages waiting for the remote")
                    .register(registry);
            Gauge.builder("rung.bridge.queued.bytes", statuses, bridge(name, BridgeStatus::queuedBytes))
                    .tag("bridge", name)
                    .baseUnit("bytes")
                    .register(registry);
            FunctionCounter.builder("rung.bridge.sent", statuses, bridge(name, BridgeStatus::sent))
                    .tag("bridge", name)
                    .description("messages the remote acknowledged")
                    .register(registry);
            FunctionCounter.builder("rung.bridge.dropped", statuses, bridge(name, BridgeStatus::dropped))
                    .tag("bridge", name)
                    .description("messages dropped: buffer full or refused by the remote")
                    .register(registry);
        }
    }

    /** One value of bridge {@code name}'s current status, 0 if it is gone. */
    private static ToDoubleFunction<Supplier<List<BridgeStatus>>> bridge(
            String name, ToLongFunction<BridgeStatus> value) {
        return statuses -> statuses.get().stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .map(b -> (double) value.applyAsLong(b))
                .orElse(0.0);
    }

    /** Registers a device's meters before its first poll, so they show as zero from the start. */
    public void device(String device) {
        meters(device);
    }

    @Override
    public void pollFinished(String device, long durationNanos, boolean failed) {
        DeviceMeters m = meters(device);
        m.polls().record(durationNanos, TimeUnit.NANOSECONDS);
        if (failed) m.errors().increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    private DeviceMeters meters(String device) {
        return devices.computeIfAbsent(
                device,
                d -> new DeviceMeters(
                        Timer.builder("rung.poll.duration")
                                .description("time a device took to answer a poll")
                                .tag("device", d)
                                .register(registry),
                        Counter.builder("rung.poll.errors")
                                .description("polls that failed at connection level")
                                .tag("device", d)
                                .register(registry)));
    }
}

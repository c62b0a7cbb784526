package io.rung.broker.sys;

import io.rung.broker.BrokerStats;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.routing.Router;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Publishes mosquitto-compatible statistics as retained QoS 0 messages under {@code $SYS/broker/}; a value is
 * republished only when it changed (the uptime always).
 */
public final class SysPublisher implements Runnable {
    private final Router router;
    private final BrokerStats stats;
    private final String version;
    private final Map<String, String> last = new HashMap<>();
    private final List<Supplier<Map<String, String>>> sources = new CopyOnWriteArrayList<>();

    public SysPublisher(Router router, BrokerStats stats, String version) {
        this.router = router;
        this.stats = stats;
        this.version = version;
    }

    /** Adds values published with the broker's own, such as {@code $SYS/broker/bridges/<name>/connected}. */
    public void addSource(Supplier<Map<String, String>> source) {
        sources.add(source);
    }

    /** The current values by topic. */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("$SYS/broker/version", "rung " + version);
        v.put("$SYS/broker/uptime", stats.uptimeSeconds() + " seconds");
        v.put("$SYS/broker/clients/connected", String.valueOf(stats.clientsConnected()));
        v.put(
                "$SYS/broker/clients/disconnected",
                String.valueOf(Math.max(0, stats.clientsTotal() - stats.clientsConnected())));
        v.put("$SYS/broker/clients/total", String.valueOf(stats.clientsTotal()));
        v.put("$SYS/broker/clients/maximum", String.valueOf(stats.clientsMaximum()));
        v.put("$SYS/broker/messages/received", String.valueOf(stats.messagesReceived()));
        v.put("$SYS/broker/messages/sent", String.valueOf(stats.messagesSent()));
        v.put("$SYS/broker/publish/messages/dropped", String.valueOf(stats.messagesDropped()));
        v.put("$SYS/broker/retained messages/count", String.valueOf(stats.retainedMessages()));
        v.put("$SYS/broker/subscriptions/count", String.valueOf(stats.subscriptions()));
        v.put("$SYS/broker/bytes/received", String.valueOf(stats.bytesReceived()));
        v.put("$SYS/broker/bytes/sent", String.valueOf(stats.bytesSent()));
        for (Supplier<Map<String, String>> source : sources) v.putAll(source.get());
        return v;
    }

    @Override
    public void run() {
        for (Map.Entry<String, String> e : values().entrySet()) {
            if (e.getValue().equals(last.get(e.getKey()))) continue;
            last.put(e.getKey(), e.getValue());
            Message m = Message.of(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8), 0, true, Origin.broker());
            router.publish(m, null);
        }
    }
}

package io.rung.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.config.DeviceConfig;
import io.rung.gateway.mapping.DeviceTopics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last value of every point and the last {@code $status} of every device, fed by a subscription of the HTTP
 * side's own trusted in-process client to each device's topics (retained messages included), plus a short history
 * of numeric values for the dashboard's trends.
 */
final class LiveValues {
    /** How many samples of each point the trend keeps. */
    static final int HISTORY = 300;

    private static final String STATUS = "$status";

    private final LocalClient client;
    private final List<DeviceConfig> devices;
    private final Clock clock;
    private final Map<String, ObjectNode> latest = new ConcurrentHashMap<>();
    private final Map<String, Deque<double[]>> history = new ConcurrentHashMap<>();

    LiveValues(LocalClient client, List<DeviceConfig> devices, Clock clock) {
        this.client = client;
        this.devices = List.copyOf(devices);
        this.clock = clock;
    }

    void start() {
        for (DeviceConfig d : devices) client.subscribe(d.topic() + "/+", 0, false, 0, m -> onMessage(d, m));
    }

    /** The device's last {@code $status} payload, such as {@code {"state":"online","ts":…}}. */
    Optional<JsonNode> status(DeviceConfig device) {
        return Optional.ofNullable(latest.get(DeviceTopics.status(device)));
    }

    /**
     * The point's last value as {@code {"value":…,"ts":…,"quality":…}} (and {@code error}, {@code unit} when the
     * gateway sent them); for {@code format: raw} the bare value with the arrival time and quality good.
     */
    Optional<JsonNode> point(DeviceConfig device, String point) {
        return Optional.ofNullable(latest.get(DeviceTopics.value(device, point)));
    }

    /** The point's recent numeric values as {@code [tsMillis, value]} pairs, oldest first. */
    List<double[]> history(DeviceConfig device, String point) {
        Deque<double[]> h = history.get(DeviceTopics.value(device, point));
        if (h == null) return List.of();
        synchronized (h) {
            return new ArrayList<>(h);
        }
    }

    private void onMessage(DeviceConfig device, Message m) {
        String level = m.topic().substring(device.topic().length() + 1);
        if (m.payload().length == 0) {
            latest.remove(m.topic());
            return;
        }
        Optional<JsonNode> parsed = Json.parse(m.payload());
        ObjectNode node;
        if (level.equals(STATUS) || device.format() == DeviceConfig.Format.JSON) {
            if (parsed.isEmpty() || !parsed.get().isObject()) return;
            node = (ObjectNode) parsed.get();
        } else {
            node = JsonNodeFactory.instance.objectNode();
            node.set(
                    "value",
                    parsed.orElseGet(
                            () -> JsonNodeFactory.instance.textNode(new String(m.payload(), StandardCharsets.UTF_8))));
            node.put("ts", clock.millis());
            node.put("quality", "good");
        }
        latest.put(m.topic(), node);
        if (!level.equals(STATUS)) remember(m.topic(), node);
    }

    private void remember(String topic, ObjectNode node) {
        JsonNode value = node.get("value");
        if (value == null || !(value.isNumber() || value.isBoolean())) return;
        double v = value.isBoolean() ? (value.booleanValue() ? 1 : 0) : value.doubleValue();
        long ts = node.path("ts").asLong(clock.millis());
        Deque<double[]> h = history.computeIfAbsent(topic, t -> new ArrayDeque<>());
        synchronized (h) {
            if (h.size() >= HISTORY) h.removeFirst();
            h.addLast(new double[] {ts, v});
        }
    }
}

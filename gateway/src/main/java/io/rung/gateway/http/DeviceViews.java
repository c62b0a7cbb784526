package io.rung.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.config.DeviceConfig;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import io.rung.gateway.mapping.DeviceTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JSON the REST API shows for devices and points: configuration (topic, unit, writable, limits) joined with
 * the live values. Only topics the viewer may read (its ACL {@code read} right) are shown.
 */
final class DeviceViews {
    private final List<DeviceConfig> devices;
    private final LiveValues live;

    DeviceViews(List<DeviceConfig> devices, LiveValues live) {
        this.devices = List.copyOf(devices);
        this.live = live;
    }

    Optional<DeviceConfig> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every device whose {@code $status} the viewer may read, in config order, without points. */
    List<Map<String, Object>> list(Predicate<String> mayRead) {
        return devices.stream()
                .filter(d -> mayRead.test(DeviceTopics.status(d)))
                .map(d -> {
                    Map<String, Object> m = summary(d);
                    m.put(
                            "points",
                            d.points().stream()
                                    .filter(p -> mayRead.test(DeviceTopics.value(d, p.name())))
                                    .count());
                    return m;
                })
                .toList();
    }

    /** One device with every point the viewer may read; with {@code history} each point's recent values. */
    Map<String, Object> detail(DeviceConfig d, Predicate<String> mayRead, boolean history) {
        Map<String, Object> m = summary(d);
        m.put("points", points(d, mayRead, history));
        return m;
    }

    List<Map<String, Object>> points(DeviceConfig d, Predicate<String> mayRead, boolean history) {
        return d.points().stream()
                .filter(p -> mayRead.test(DeviceTopics.value(d, p.name())))
                .map(p -> point(d, p, history))
                .toList();
    }

    /** One point; with {@code history} its recent numeric values as {@code [ts, value]} pairs. */
    Map<String, Object> point(DeviceConfig d, PointConfig p, boolean history) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("topic", DeviceTopics.value(d, p.name()));
        p.type().ifPresent(t -> m.put("type", t.yamlName()));
        p.unit().ifPresent(u -> m.put("unit", u));
        m.put("writable", p.write());
        p.min().ifPresent(v -> m.put("min", v));
        p.max().ifPresent(v -> m.put("max", v));
        Optional<JsonNode> value = live.point(d, p.name());
        if (value.isPresent()) {
            JsonNode v = value.get();
            if (v.has("value")) m.put("value", v.get("value"));
            if (v.has("ts")) m.put("ts", v.get("ts"));
            m.put("quality", v.path("quality").asText("good"));
            if (v.has("error")) m.put("error", v.get("error"));
        } else {
            m.put("quality", "unknown");
        }
        if (history) m.put("history", live.history(d, p.name()));
        return m;
    }

    private Map<String, Object> summary(DeviceConfig d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("topic", d.topic());
        m.put("protocol", d.connection() instanceof ModbusConfig ? "modbus" : "opcua");
        Optional<JsonNode> status = live.status(d);
        m.put("state", status.map(s -> s.path("state").asText("offline")).orElse("offline"));
        status.map(s -> s.get("error")).ifPresent(e -> m.put("error", e.asText()));
        status.map(s -> s.get("ts")).ifPresent(ts -> m.put("ts", ts.asLong()));
        return m;
    }
}

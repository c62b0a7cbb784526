package io.rung.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds {@code devices:}, one device at a time, and checks what devices must not share: names, topics, lines. */
final class DeviceBinder {
    static final Set<String> DEVICE_KEYS = Set.of(
            "name",
            "topic",
            "poll",
            "cron",
            "mode",
            "format",
            "qos",
            "heartbeat",
            "maxCommandAge",
            "order",
            "timestamps",
            "modbus",
            "opcua",
            "points");

    private record Named(String value, String path) {}

    private final Map<String, String> names = new HashMap<>();
    private final List<Named> topics = new ArrayList<>();
    private final Map<String, Named> serialLines = new HashMap<>();

    private DeviceBinder() {}

    static List<DeviceConfig> bindDevices(MapReader root) {
        DeviceBinder binder = new DeviceBinder();
        List<DeviceConfig> devices = new ArrayList<>();
        for (MapReader device : root.list("devices", DEVICE_KEYS)) devices.add(binder.bindDevice(device));
        return devices;
    }

    DeviceConfig bindDevice(MapReader r) {
        String name = r.required("name")
                .filter(this::uniqueName)
                .map(ScalarValue::text)
                .orElse("");
        String topic = r.required("topic")
                .filter(this::freeTopic)
                .map(ScalarValue::text)
                .orElse("");
        boolean opcUa = r.has("opcua") && !r.has("modbus");
        if (r.has("opcua") && r.has("modbus")) {
            r.problems()
                    .error(r.keyNode("opcua"), r.path(), "has both modbus: and opcua:; a device speaks one protocol");
        } else if (!r.has("opcua") && !r.has("modbus")) {
            r.error("needs a modbus: or an opcua: section");
        }
        DeviceConfig.DeviceConnection connection = opcUa
                ? ConnectionBinder.bindOpcUa(
                        r.section("opcua", ConnectionBinder.OPCUA_KEYS).orElseThrow())
                : r.section("modbus", ConnectionBinder.MODBUS_KEYS)
                        .map(m -> ConnectionBinder.bindModbus(m, this::sameSerialSettings))
                        .orElseGet(() -> ModbusConfig.of(""));
        onlyFor(r, "mode", opcUa, true);
        onlyFor(r, "timestamps", opcUa, true);
        onlyFor(r, "order", opcUa, false);
        DeviceConfig.Mode mode = opcUa
                ? r.choice("mode", ScalarValue.names(DeviceConfig.Mode.values()), DeviceConfig.Mode.SUBSCRIBE)
                : DeviceConfig.Mode.POLL;
        DeviceConfig.Schedule schedule = bindSchedule(r, opcUa && mode == DeviceConfig.Mode.SUBSCRIBE);
        ByteOrder order = opcUa
                ? ByteOrder.ABCD
                : r.value("order").flatMap(DeviceBinder::deviceOrder).orElse(ByteOrder.ABCD);
        List<PointConfig> points = PointBinder.bindPoints(r, opcUa, order);
        if (points.isEmpty()) r.warn("points", "no points: nothing is read or published");
        return new DeviceConfig(
                name,
                topic,
                connection,
                schedule,
                mode,
                r.choice("format", ScalarValue.names(DeviceConfig.Format.values()), DeviceConfig.Format.JSON),
                r.integer("qos", 0, 2, 1),
                r.duration("heartbeat", DeviceConfig.DEFAULT_HEARTBEAT, false),
                r.duration("maxCommandAge", DeviceConfig.DEFAULT_MAX_COMMAND_AGE, true),
                order,
                opcUa
                        ? r.choice(
                                "timestamps",
                                ScalarValue.names(DeviceConfig.Timestamps.values()),
                                DeviceConfig.Timestamps.SOURCE)
                        : DeviceConfig.Timestamps.GATEWAY,
                points);
    }

    /** {@code poll} (default 1 s) or its sibling {@code cron}, never both; no cron in OPC UA subscribe mode. */
    private static DeviceConfig.Schedule bindSchedule(MapReader r, boolean subscribeMode) {
        Duration poll = r.duration("poll", DeviceConfig.DEFAULT_POLL, true);
        Optional<ScalarValue> cron = r.value("cron");
        if (cron.isEmpty()) return new DeviceConfig.Schedule.Every(poll);
        ScalarValue c = cron.get();
        if (r.has("poll")) {
            c.error("cron and poll are alternatives; set only one");
        } else if (subscribeMode) {
            c.error("cron needs mode: poll (in subscribe mode the server samples every poll interval)");
        } else {
            int fields = c.text().strip().split("\\s+").length;
            if (fields < 6 || fields > 7) {
                c.error("must be a Quartz cron expression of 6 or 7 fields (seconds first), such as '0/5 * * * * ?' "
                        + c.scalar().was());
            }
        }
        return new DeviceConfig.Schedule.Cron(c.text().strip());
    }

    /** A device-wide order is one of the four named orders; an eight-letter order belongs on a 64-bit point. */
    private static Optional<ByteOrder> deviceOrder(ScalarValue v) {
        if (v.text().length() == 4 && ByteOrder.isValid(v.text())) return Optional.of(new ByteOrder(v.text()));
        if (ByteOrder.isValid(v.text())) {
            v.error("an eight-letter order applies to 64-bit values only; set it on those points");
        } else {
            v.error("must be ABCD, CDAB, BADC or DCBA " + v.scalar().was());
        }
        return Optional.empty();
    }

    private static void onlyFor(MapReader r, String key, boolean opcUa, boolean opcUaKey) {
        if (r.has(key) && opcUa != opcUaKey && (r.has("modbus") || r.has("opcua"))) {
            r.error(key, "applies to " + (opcUaKey ? "OPC UA" : "Modbus") + " devices only");
        }
    }

    private boolean uniqueName(ScalarValue v) {
        if (!Topics.NAME.matcher(v.text()).matches()) {
            v.error("must be letters, digits, '_', '.' or '-' " + v.scalar().was());
            return false;
        }
        String first = names.putIfAbsent(v.text(), parent(v.path()));
        if (first != null) v.error("name " + v.scalar().shown() + " is already used by " + first);
        return first == null;
    }

    /** A device topic is neither equal to nor under another's, so point topics cannot collide. */
    private boolean freeTopic(ScalarValue v) {
        if (!v.passes(Topics.deviceTopicProblem(v.text()))) return false;
        for (Named other : topics) {
            if (v.text().equals(other.value())) {
                v.error("is the same as the topic of " + other.path());
                return false;
            }
            if (Topics.sameOrUnder(v.text(), other.value()) || Topics.sameOrUnder(other.value(), v.text())) {
                String where = Topics.sameOrUnder(v.text(), other.value()) ? "under" : "above";
                v.error("is " + where + " the topic of " + other.path() + "; device topics must not nest");
                return false;
            }
        }
        topics.add(new Named(v.text(), parent(v.path())));
        return true;
    }

    /** Devices on one serial port share a line, so their serial settings must agree. */
    private void sameSerialSettings(UrlChecks.ModbusLine line, ScalarValue url) {
        if (!line.serial()) return;
        Named mine = new Named(line.settings().toString(), parent(parent(url.path())));
        Named first = serialLines.putIfAbsent(line.name(), mine);
        if (first != null && !first.value().equals(mine.value())) {
            url.error("serial settings differ from " + first.path() + " on the same port; devices on one line must "
                    + "use the same baud, parity, data and stop");
        }
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}

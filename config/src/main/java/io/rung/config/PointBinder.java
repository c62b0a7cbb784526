package io.rung.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds a device's {@code points:}: address or node, type and order, scaling, publishing and write settings. */
final class PointBinder {
    static final Set<String> POINT_KEYS = Set.of(
            "name",
            "address",
            "node",
            "type",
            "order",
            "length",
            "scale",
            "offset",
            "decimals",
            "unit",
            "deadband",
            "heartbeat",
            "write",
            "min",
            "max",
            "rateLimit");
    private static final List<String> MODBUS_ONLY = List.of("address", "type", "order", "length");
    private static final Pattern NODE_ID =
            Pattern.compile("(ns=[0-9]+;|nsu=[^;]+;)?(i=[0-9]+|s=.+|g=[0-9a-fA-F-]{36}|b=.+)", Pattern.DOTALL);

    private PointBinder() {}

    static List<PointConfig> bindPoints(MapReader device, boolean opcUa, ByteOrder deviceOrder) {
        Map<String, String> names = new HashMap<>();
        List<PointConfig> points = new ArrayList<>();
        List<MapReader> readers = device.list("points", POINT_KEYS);
        for (MapReader r : readers) {
            PointConfig p = bindPoint(r, opcUa, deviceOrder);
            if (!p.name().isEmpty()) {
                String first = names.putIfAbsent(p.name(), r.path());
                if (first != null) {
                    String shown = r.value("name").map(v -> v.scalar().shown()).orElse("");
                    r.error("name", "name " + shown + " is already used by " + first);
                }
            }
            points.add(p);
        }
        if (!opcUa) warnOverlaps(points, readers);
        return points;
    }

    /**
     * Warns once per point whose registers are also read by an earlier point as another value: another type, or
     * the same type from another start register. Register bits ({@code holding:N.B}) of a word read whole are the
     * usual way to map a status word, so bits never count.
     */
    private static void warnOverlaps(List<PointConfig> points, List<MapReader> readers) {
        for (int i = 1; i < points.size(); i++) {
            PointConfig p = points.get(i);
            if (span(p) == 0) continue;
            for (int j = 0; j < i; j++) {
                PointConfig q = points.get(j);
                if (overlap(p, q) && !(start(p) == start(q) && p.type().equals(q.type()) && span(p) == span(q))) {
                    readers.get(i)
                            .warn(
                                    "address",
                                    "reads registers of point " + q.name() + " (" + registers(q)
                                            + ") as " + registers(p)
                                            + "; one register read as different types is usually an "
                                            + "address mistake");
                    break;
                }
            }
        }
    }

    /** Whole registers a point reads: 0 for coils, discrete inputs and register bits. */
    private static int span(PointConfig p) {
        ModbusAddress a = p.address().orElse(null);
        PointType type = p.type().orElse(PointType.BOOL);
        if (a == null || a.kind().isBit() || a.hasBit() || type == PointType.BOOL) return 0;
        return type == PointType.STRING ? p.length() : type.registers();
    }

    private static int start(PointConfig p) {
        return p.address().map(ModbusAddress::offset).orElse(0);
    }

    private static boolean overlap(PointConfig p, PointConfig q) {
        int n = span(q);
        return n > 0
                && p.address().get().kind() == q.address().get().kind()
                && start(p) < start(q) + n
                && start(q) < start(p) + span(p);
    }

    /** {@code float32 at holding:100-101}. */
    private static String registers(PointConfig p) {
        String kind = p.address().get().kind().yamlName();
        int last = start(p) + span(p) - 1;
        return p.type().get().yamlName() + " at " + kind + ":" + start(p) + (last > start(p) ? "-" + last : "");
    }

    static PointConfig bindPoint(MapReader r, boolean opcUa, ByteOrder deviceOrder) {
        String name = r.required("name")
                .filter(PointBinder::validName)
                .map(ScalarValue::text)
                .orElse("");
        PointConfig base = opcUa ? bindNode(r, name) : bindRegister(r, name, deviceOrder);
        boolean numeric = base.type()
                .map(t -> t != PointType.BOOL && t != PointType.STRING)
                .orElse(true);
        for (String key : List.of("scale", "offset", "decimals", "min", "max")) {
            if (!numeric && r.has(key))
                r.error(
                        key,
                        "applies to numeric points only (this one is "
                                + base.type().map(PointType::yamlName).orElse("") + ")");
        }
        BigDecimal scale = r.value("scale")
                .flatMap(ScalarValue::decimal)
                .filter(s -> s.signum() != 0 || zero(r))
                .orElse(BigDecimal.ONE);
        OptionalInt decimals = r.integer("decimals", 0, 15)
                .map(n -> OptionalInt.of(n.intValue()))
                .orElse(OptionalInt.empty());
        BigDecimal deadband = r.value("deadband")
                .flatMap(v -> v.decimal().filter(d -> {
                    if (d.signum() < 0)
                        v.error("must not be negative " + v.scalar().was());
                    return d.signum() >= 0;
                }))
                .orElse(BigDecimal.ZERO);
        if (!numeric && r.has("deadband")) {
            r.warn("deadband", "has no effect on bool and string points: every change is published");
        }
        Optional<Duration> heartbeat = r.duration("heartbeat");
        boolean write = r.value("write").flatMap(ScalarValue::bool).orElse(false);
        if (write) checkWritable(r, base);
        Optional<BigDecimal> min = r.decimal("min");
        Optional<BigDecimal> max = r.decimal("max");
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            r.error(
                    "max",
                    "must not be below min (min " + min.get().toPlainString() + ", max "
                            + max.get().toPlainString() + ")");
        }
        if (write && numeric && base.type().isPresent() && (min.isEmpty() || max.isEmpty())) {
            String missing = min.isEmpty() && max.isEmpty() ? "min and max" : min.isEmpty() ? "min" : "max";
            r.warn(
                    "write",
                    "writable " + base.type().get().yamlName() + " point without " + missing
                            + ": a command may write any value the type holds; set " + missing + " to the safe range");
        }
        Optional<Duration> rateLimit = r.value("rateLimit").flatMap(ScalarValue::duration);
        for (String key : List.of("min", "max", "rateLimit")) {
            if (!write && r.has(key)) r.warn(key, "limits commands only, and this point has no write: true");
        }
        return new PointConfig(
                name,
                base.address(),
                base.node(),
                base.type(),
                base.order(),
                base.length(),
                scale,
                r.decimal("offset").orElse(BigDecimal.ZERO),
                decimals,
                r.text("unit"),
                deadband,
                heartbeat,
                write,
                min,
                max,
                rateLimit);
    }

    private static boolean zero(MapReader r) {
        r.error("scale", "must not be 0");
        return false;
    }

    /** One topic level of A–Z a–z 0–9 _ . -, not {@code set} (that is the command topic). */
    private static boolean validName(ScalarValue v) {
        if (!Topics.NAME.matcher(v.text()).matches()) {
            v.error("must be one topic level of letters, digits, '_', '.' or '-' "
                    + v.scalar().was());
            return false;
        }
        if (v.text().equals("set")) {
            v.error("must not be 'set': <point>/set is the command topic");
            return false;
        }
        return true;
    }

    private static PointConfig bindNode(MapReader r, String name) {
        for (String key : MODBUS_ONLY) {
            if (r.has(key)) {
                r.error(
                        key,
                        "applies to Modbus points only" + (key.equals("address") ? "; OPC UA points use node" : ""));
            }
        }
        String node = r.required("node")
                .filter(v -> {
                    boolean ok = NODE_ID.matcher(v.text()).matches();
                    if (!ok)
                        v.error("must be a node id such as ns=2;s=Tank1.Level or nsu=urn:plc;i=1001 "
                                + v.scalar().was());
                    return ok;
                })
                .map(ScalarValue::text)
                .orElse("i=0");
        return PointConfig.opcUa(name, node);
    }

    private static PointConfig bindRegister(MapReader r, String name, ByteOrder deviceOrder) {
        if (r.has("node")) r.error("node", "applies to OPC UA points only; Modbus points use address");
        Optional<ModbusAddress> parsed = r.required("address").flatMap(ModbusAddressParser::parse);
        ModbusAddress address = parsed.orElse(ModbusAddress.of(ModbusAddress.Kind.HOLDING, 0));
        Optional<ScalarValue> typeValue = r.value("type");
        PointType type = typeValue
                .flatMap(v -> v.choice(ScalarValue.names(PointType.values())))
                .orElse(address.defaultType());
        if (parsed.isPresent()) typeValue.ifPresent(v -> checkTypeFits(v, address, type));
        int length = 0;
        if (type == PointType.STRING) {
            length = r.required("length")
                    .flatMap(v -> v.integer(1, 125))
                    .map(Long::intValue)
                    .orElse(1);
        } else if (r.has("length")) {
            r.error("length", "applies to string points only (length in registers)");
        }
        int registers = type == PointType.STRING ? length : Math.max(1, type.registers());
        if (parsed.isPresent() && address.offset() + registers - 1 > 65535) {
            r.error(
                    "address",
                    "a " + type.yamlName() + " at offset " + address.offset() + " runs past the last register, 65535");
        }
        ByteOrder order =
                r.value("order").flatMap(v -> pointOrder(v, address, type)).orElse(deviceOrder);
        return PointConfig.modbus(name, address).withType(type).withOrder(order).withLength(length);
    }

    private static void checkTypeFits(ScalarValue v, ModbusAddress address, PointType type) {
        if (address.kind().isBit() && type != PointType.BOOL) {
            v.error("coils and discrete inputs hold one bit, so type must be bool "
                    + v.scalar().was());
        } else if (address.hasBit() && type != PointType.BOOL) {
            v.error("a register bit such as " + address.kind().yamlName() + ":N.B is a bool "
                    + v.scalar().was());
        } else if (!address.kind().isBit() && !address.hasBit() && type == PointType.BOOL) {
            v.error("bool needs a coil, a discrete input or a register bit such as "
                    + address.kind().yamlName() + ":" + address.offset() + ".0");
        }
    }

    private static Optional<ByteOrder> pointOrder(ScalarValue v, ModbusAddress address, PointType type) {
        if (address.kind().isBit()) {
            v.error("does not apply to coils and discrete inputs");
            return Optional.empty();
        }
        if (!ByteOrder.isValid(v.text())) {
            v.error("must be ABCD, CDAB, BADC, DCBA or, for 64-bit types, an eight-letter order such as CDABGHEF "
                    + v.scalar().was());
            return Optional.empty();
        }
        if (v.text().length() == 8 && type.registers() != 4) {
            v.error("an eight-letter order applies to 64-bit types only (int64, uint64, float64), not "
                    + type.yamlName());
            return Optional.empty();
        }
        return Optional.of(new ByteOrder(v.text()));
    }

    /** Input registers and discrete inputs cannot be written by any Modbus function. */
    private static void checkWritable(MapReader r, PointConfig base) {
        base.address()
                .filter(a -> a.kind() == ModbusAddress.Kind.INPUT || a.kind() == ModbusAddress.Kind.DISCRETE)
                .ifPresent(a -> r.error(
                        "write",
                        "input registers and discrete inputs are read-only (" + a
                                + "); write: true needs a holding register or a coil"));
    }
}

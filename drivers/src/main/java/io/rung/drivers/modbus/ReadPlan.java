package io.rung.drivers.modbus;

import io.rung.config.DeviceConfig;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.ModbusConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.PointAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read requests that serve a device's points: per table, points merged into as few requests as possible
 * (at most {@code maxRegistersPerRead} registers, or 2000 bits, bridging gaps of up to {@code maxGap} unused
 * registers or bits). A plan is immutable; {@link #replace} gives the plan after a block had to be split.
 *
 * <pre>{@code
 * ReadPlan plan = ReadPlan.of(points, device.modbus());
 * plan.describe().forEach(System.out::println);   // FC3 holding:100-109 (40101-40110), 10 registers, 4 points
 * }</pre>
 */
public final class ReadPlan {
    private final List<ReadBlock> blocks;
    private final Map<PointAddress, String> unreadable;

    private ReadPlan(List<ReadBlock> blocks, Map<PointAddress, String> unreadable) {
        this.blocks = List.copyOf(blocks);
        this.unreadable = Map.copyOf(unreadable);
    }

    /** The plan of all of a Modbus device's points, as {@code rung check --plan} shows it. */
    public static ReadPlan of(DeviceConfig device) {
        if (!(device.connection() instanceof ModbusConfig modbus)) {
            throw new IllegalArgumentException("device " + device.name() + " has no modbus connection");
        }
        return of(
                device.points().stream()
                        .map(p -> new PointAddress(device.name(), p))
                        .toList(),
                modbus);
    }

    public static ReadPlan of(List<PointAddress> points, ModbusConfig modbus) {
        return of(points, modbus.maxRegistersPerRead(), modbus.maxGap());
    }

    public static ReadPlan of(List<PointAddress> points, int maxRegistersPerRead, int maxGap) {
        if (maxRegistersPerRead < 1) {
            throw new IllegalArgumentException("maxRegistersPerRead must be >= 1, got " + maxRegistersPerRead);
        }
        if (maxGap < 0) throw new IllegalArgumentException("maxGap must be >= 0, got " + maxGap);
        Map<PointAddress, String> unreadable = new LinkedHashMap<>();
        Map<Kind, List<PointAddress>> byKind = new EnumMap<>(Kind.class);
        for (PointAddress point : points) {
            Optional<String> problem = problem(point);
            if (problem.isPresent()) {
                unreadable.put(point, problem.get());
            } else {
                byKind.computeIfAbsent(ReadBlock.address(point).kind(), k -> new ArrayList<>())
                        .add(point);
            }
        }
        List<ReadBlock> blocks = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            int limit =
                    kind.isBit() ? RegisterSpan.MAX_BITS : Math.min(maxRegistersPerRead, RegisterSpan.MAX_REGISTERS);
            list.sort(Comparator.comparingInt(ReadBlock::first).thenComparingInt(ReadBlock::last));
            List<PointAddress> current = new ArrayList<>();
            int start = 0;
            int end = -1;
            for (PointAddress point : list) {
                int first = ReadBlock.first(point);
                int last = ReadBlock.last(point);
                boolean fits =
                        !current.isEmpty() && first - end - 1 <= maxGap && Math.max(end, last) - start + 1 <= limit;
                if (!fits && !current.isEmpty()) {
                    blocks.add(ReadBlock.covering(current));
                    current = new ArrayList<>();
                }
                if (current.isEmpty()) {
                    start = first;
                    end = last;
                }
                current.add(point);
                end = Math.max(end, last);
            }
            if (!current.isEmpty()) blocks.add(ReadBlock.covering(current));
        });
        return new ReadPlan(blocks, unreadable);
    }

    /** Why a point can never be read, e.g. a string longer than one request; empty when it can. */
    static Optional<String> problem(PointAddress point) {
        ModbusAddress address = ReadBlock.address(point);
        PointType type = ReadBlock.type(point);
        if (address.kind().isBit() || address.hasBit()) {
            return type == PointType.BOOL
                    ? Optional.empty()
                    : Optional.of(type.yamlName() + " cannot be read from a single bit " + address);
        }
        if (type == PointType.STRING && point.config().length() < 1) {
            return Optional.of("string needs a length of at least 1 register");
        }
        int width = ReadBlock.width(point);
        if (width > RegisterSpan.MAX_REGISTERS) {
            return Optional.of(type.yamlName() + " of " + width + " registers is longer than one Modbus read ("
                    + RegisterSpan.MAX_REGISTERS + " registers)");
        }
        if (address.offset() + width > 65536) {
            return Optional.of(type.yamlName() + " at " + address + " runs past the last register 65535");
        }
        if (point.config().order().letters().length() == 8 && width != 4 && type != PointType.STRING) {
            return Optional.of("eight-letter order " + point.config().order() + " applies to 64-bit values only");
        }
        return Optional.empty();
    }

    public List<ReadBlock> blocks() {
        return blocks;
    }

    /** Points that no request can read, with the reason in words. */
    public Map<PointAddress, String> unreadable() {
        return unreadable;
    }

    /** This plan with {@code block} replaced by {@code parts} (remembering a split). */
    public ReadPlan replace(ReadBlock block, List<ReadBlock> parts) {
        List<ReadBlock> next = new ArrayList<>(blocks.size() + parts.size());
        for (ReadBlock b : blocks) {
            if (b.equals(block)) next.addAll(parts);
            else next.add(b);
        }
        return new ReadPlan(next, unreadable);
    }

    /** One line per request, then one per unreadable point, for {@code rung check --plan}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        blocks.forEach(b -> lines.add(b.describe()));
        unreadable.forEach((p, why) -> lines.add("not read: " + p.name() + ": " + why));
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", describe());
    }
}

package io.rung.drivers.modbus;

import io.rung.config.ModbusAddress;
import io.rung.config.PointType;
import io.rung.drivers.api.PointAddress;
import java.util.Comparator;
import java.util.List;

/** One read request of a plan: a span of one table and the points it serves, sorted by address. */
public record ReadBlock(RegisterSpan span, List<PointAddress> points) {
    public ReadBlock {
        points = List.copyOf(points);
        if (points.isEmpty()) throw new IllegalArgumentException("a read block needs at least one point");
    }

    /** A block covering exactly the given points (all of one table). */
    public static ReadBlock covering(List<PointAddress> points) {
        List<PointAddress> sorted = points.stream()
                .sorted(Comparator.comparingInt(ReadBlock::first))
                .toList();
        int start = first(sorted.get(0));
        int end = sorted.stream().mapToInt(ReadBlock::last).max().orElseThrow();
        return new ReadBlock(new RegisterSpan(address(sorted.get(0)).kind(), start, end - start + 1), sorted);
    }

    /** The two halves of this block (by points), for retrying after an illegal-data-address answer. */
    public List<ReadBlock> split() {
        if (points.size() < 2) throw new IllegalStateException("a block of one point cannot be split");
        int half = points.size() / 2;
        return List.of(covering(points.subList(0, half)), covering(points.subList(half, points.size())));
    }

    /** The human line of {@code rung check --plan}: {@code FC3 holding:100-109 (40101-40110), 10 registers, 4 points}. */
    public String describe() {
        String unit = span.kind().isBit()
                ? (span.count() == 1 ? "bit" : "bits")
                : (span.count() == 1 ? "register" : "registers");
        return "FC" + span.readFunction() + " " + span + ", " + span.count() + " " + unit + ", " + points.size()
                + (points.size() == 1 ? " point" : " points");
    }

    /** The span one point occupies, e.g. {@code holding:100-101 (40101-40102)} for a float32. */
    public static RegisterSpan spanOf(PointAddress point) {
        return new RegisterSpan(address(point).kind(), first(point), last(point) - first(point) + 1);
    }

    static ModbusAddress address(PointAddress point) {
        return point.config()
                .address()
                .orElseThrow(() -> new IllegalArgumentException("point " + point + " has no Modbus address"));
    }

    static PointType type(PointAddress point) {
        return point.config().type().orElse(address(point).defaultType());
    }

    /** Registers (or bits) the point's value occupies. */
    static int width(PointAddress point) {
        ModbusAddress address = address(point);
        if (address.kind().isBit() || address.hasBit()) return 1;
        return RegisterCodec.registers(type(point), point.config().length());
    }

    static int first(PointAddress point) {
        return address(point).offset();
    }

    static int last(PointAddress point) {
        return first(point) + width(point) - 1;
    }
}

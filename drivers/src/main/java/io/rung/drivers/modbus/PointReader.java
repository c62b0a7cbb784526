package io.rung.drivers.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Scaling;
import io.rung.drivers.api.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a device's points by its {@link ReadPlan} and turns the answers into samples. A block answered with
 * "illegal data address" is split in halves and retried until only the points that really fail are left; the
 * split plan is remembered for the next polls. Runs on the line thread.
 */
final class PointReader {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriver.class);

    private final String device;
    private final ModbusConfig modbus;
    private final DeviceLink link;
    private final Clock clock;
    private final Map<List<PointAddress>, ReadPlan> plans = new ConcurrentHashMap<>();

    PointReader(String device, ModbusConfig modbus, DeviceLink link, Clock clock) {
        this.device = device;
        this.modbus = modbus;
        this.link = link;
        this.clock = clock;
    }

    /** The plan for these points, made once and then remembered (with any splits). */
    ReadPlan plan(List<PointAddress> points) {
        return plans.computeIfAbsent(List.copyOf(points), p -> ReadPlan.of(p, modbus));
    }

    List<Sample> read(ModbusLine line, List<PointAddress> points) throws DriverException {
        List<PointAddress> key = List.copyOf(points);
        ReadPlan plan = plan(key);
        Map<PointAddress, Sample> samples = new HashMap<>();
        Instant planned = clock.instant();
        plan.unreadable().forEach((p, why) -> samples.put(p, Sample.bad(p, why, planned)));
        Deque<ReadBlock> todo = new ArrayDeque<>(plan.blocks());
        while (!todo.isEmpty()) {
            ReadBlock block = todo.poll();
            try {
                int[] data = fetch(line, block.span());
                Instant time = clock.instant();
                for (PointAddress p : block.points()) samples.put(p, sample(p, block.span(), data, time));
            } catch (ModbusRequestException e) {
                if (e.exceptionCode() == 2 && block.points().size() > 1) {
                    List<ReadBlock> halves = block.split();
                    plan = plan.replace(block, halves);
                    LOG.info(
                            "Device {} read: {} answered illegal data address; retrying as {} and {}.",
                            device,
                            block.span(),
                            halves.get(0).span(),
                            halves.get(1).span());
                    todo.addFirst(halves.get(1));
                    todo.addFirst(halves.get(0));
                } else {
                    Instant time = clock.instant();
                    for (PointAddress p : block.points()) {
                        String error = e.exceptionCode() == 2
                                ? "illegal data address " + ReadBlock.spanOf(p)
                                : e.getMessage() + " " + block.span();
                        samples.put(p, Sample.bad(p, error, time));
                    }
                }
            }
        }
        plans.put(key, plan);
        return points.stream().map(samples::get).toList();
    }

    private int[] fetch(ModbusLine line, RegisterSpan span) throws ModbusRequestException, DriverException {
        return fetch(link, line, span);
    }

    /** Reads a span on the line: registers as 0..65535, bits as 0 or 1. */
    static int[] fetch(DeviceLink link, ModbusLine line, RegisterSpan span)
            throws ModbusRequestException, DriverException {
        ModbusRequest request = switch (span.kind()) {
            case COIL -> new ReadCoilsRequest(span.start(), span.count());
            case DISCRETE -> new ReadInputDiscretesRequest(span.start(), span.count());
            case HOLDING -> new ReadMultipleRegistersRequest(span.start(), span.count());
            case INPUT -> new ReadInputRegistersRequest(span.start(), span.count());
        };
        ModbusResponse response = link.call(line, request, "read", span.toString());
        int[] data = new int[span.count()];
        int got;
        if (response instanceof ReadMultipleRegistersResponse r) {
            got = r.getWordCount();
            for (int i = 0; i < Math.min(got, data.length); i++)
                data[i] = r.getRegister(i).toUnsignedShort();
        } else if (response instanceof ReadInputRegistersResponse r) {
            got = r.getWordCount();
            for (int i = 0; i < Math.min(got, data.length); i++)
                data[i] = r.getRegister(i).toUnsignedShort();
        } else if (response instanceof ReadCoilsResponse r) {
            got = r.getCoils().size();
            for (int i = 0; i < Math.min(got, data.length); i++) data[i] = r.getCoilStatus(i) ? 1 : 0;
        } else if (response instanceof ReadInputDiscretesResponse r) {
            got = r.getDiscretes().size();
            for (int i = 0; i < Math.min(got, data.length); i++) data[i] = r.getDiscreteStatus(i) ? 1 : 0;
        } else {
            throw ModbusRequestException.malformed("unexpected answer (function " + response.getFunctionCode()
                    + ") to FC" + span.readFunction() + " for");
        }
        if (got < data.length) {
            throw ModbusRequestException.malformed("short answer (" + got + " of " + data.length + ") for");
        }
        return data;
    }

    private static Sample sample(PointAddress point, RegisterSpan span, int[] data, Instant time) {
        PointConfig config = point.config();
        ModbusAddress address = ReadBlock.address(point);
        int index = address.offset() - span.start();
        Value raw;
        if (address.kind().isBit()) {
            raw = new Value.Bool(data[index] != 0);
        } else if (address.hasBit()) {
            raw = new Value.Bool(RegisterCodec.bit(data[index], address.bit()));
        } else {
            raw = RegisterCodec.decode(ReadBlock.type(point), config.order(), config.length(), data, index);
        }
        if (raw instanceof Value.Float32 f && !Float.isFinite(f.value()))
            return Sample.bad(point, words(f.value()), time);
        if (raw instanceof Value.Float64 d && !Double.isFinite(d.value()))
            return Sample.bad(point, words(d.value()), time);
        return Sample.good(point, Scaling.of(config).toEngineering(raw), time);
    }

    private static String words(double notFinite) {
        if (Double.isNaN(notFinite)) return "NaN";
        return notFinite > 0 ? "Infinity" : "-Infinity";
    }
}

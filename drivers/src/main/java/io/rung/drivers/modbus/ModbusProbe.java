package io.rung.drivers.modbus;

import io.rung.config.ByteOrder;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddress.Kind;
import io.rung.config.ModbusConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The logic of {@code rung probe modbus URL --unit N --address A --count N}: reads live registers once and shows
 * every type in every byte order side by side, so a user can tell which {@code type} and {@code order} a
 * device uses. Returns text lines; the CLI prints them.
 */
public final class ModbusProbe {
    private static final List<ByteOrder> ORDERS =
            List.of(ByteOrder.ABCD, ByteOrder.CDAB, ByteOrder.BADC, ByteOrder.DCBA);

    private ModbusProbe() {}

    /**
     * Reads {@code count} registers (or bits) from {@code address} and returns the table. Fails with a
     * {@link DriverException} saying why when the device cannot be reached or refuses the read.
     */
    public static CompletableFuture<List<String>> probe(
            String url, int unit, ModbusAddress address, int count, Duration timeout) {
        int max = RegisterSpan.maxPerRequest(address.kind());
        if (count < 1 || count > max) {
            return CompletableFuture.failedFuture(
                    new DriverException("probe", "count must be between 1 and " + max + " (was " + count + ")"));
        }
        ModbusConfig modbus =
                new ModbusConfig(url, unit, timeout, 0, RegisterSpan.MAX_REGISTERS, 0, false, Duration.ZERO);
        ModbusLines lines = new ModbusLines();
        try {
            RegisterSpan span = new RegisterSpan(address.kind(), address.offset(), count);
            DeviceLink link = new DeviceLink("probe", modbus, ModbusEndpoint.parse(url));
            ModbusLine line = lines.join("probe", modbus, link);
            return line.submit("probe", l -> {
                        try {
                            return table(address.kind(), address.offset(), PointReader.fetch(link, l, span), unit);
                        } catch (ModbusRequestException e) {
                            throw new DriverException("probe", "device answered " + e.getMessage() + " for " + span, e);
                        }
                    })
                    .whenComplete((rows, failure) -> lines.close());
        } catch (DriverException e) {
            lines.close();
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            lines.close();
            return CompletableFuture.failedFuture(new DriverException("probe", e.getMessage(), e));
        }
    }

    /** The table for values already read: bits as 0/1, registers as 16-, 32- and 64-bit decodings and text. */
    public static List<String> table(Kind kind, int start, int[] values, int unit) {
        List<String> out = new ArrayList<>();
        RegisterSpan span = new RegisterSpan(kind, start, values.length);
        out.add(span + ", unit " + unit + ": " + values.length + (kind.isBit() ? " bits" : " registers"));
        if (kind.isBit()) {
            TextTable bits = new TextTable("address", "value");
            for (int i = 0; i < values.length; i++) bits.row(at(kind, start + i), Integer.toString(values[i]));
            out.addAll(bits.lines());
            return out;
        }
        TextTable words = new TextTable("register", "hex", "uint16", "int16", "text AB", "bits 15..0");
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            words.row(
                    at(kind, start + i),
                    String.format(Locale.ROOT, "0x%04X", v),
                    Integer.toString(v),
                    Short.toString((short) v),
                    "\"" + printable(v >> 8) + printable(v) + "\"",
                    String.format(Locale.ROOT, "%16s", Integer.toBinaryString(v))
                            .replace(' ', '0'));
        }
        out.add("");
        out.addAll(words.lines());
        for (PointType type : List.of(
                PointType.FLOAT32,
                PointType.INT32,
                PointType.UINT32,
                PointType.FLOAT64,
                PointType.INT64,
                PointType.UINT64)) {
            if (values.length < type.registers()) continue;
            out.add("");
            out.addAll(orders(kind, start, values, type).lines());
        }
        out.add("");
        out.add("string ABCD: \"" + text(values, ByteOrder.ABCD) + "\"");
        out.add("string BADC: \"" + text(values, ByteOrder.BADC) + "\"");
        return out;
    }

    private static TextTable orders(Kind kind, int start, int[] values, PointType type) {
        List<String> header = new ArrayList<>(List.of(type.yamlName() + " at"));
        ORDERS.forEach(o -> header.add(type.yamlName() + " " + o));
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (int i = 0; i + type.registers() <= values.length; i++) {
            List<String> row = new ArrayList<>(List.of(at(kind, start + i)));
            for (ByteOrder order : ORDERS) row.add(show(RegisterCodec.decode(type, order, 0, values, i)));
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    private static String text(int[] values, ByteOrder order) {
        return ((Value.Text) RegisterCodec.decode(PointType.STRING, order, values.length, values, 0)).value();
    }

    private static String show(Value v) {
        if (v instanceof Value.Float32 f) return Float.toString(f.value());
        if (v instanceof Value.Float64 d) return Double.toString(d.value());
        if (v instanceof Value.Int i) return Long.toString(i.value());
        if (v instanceof Value.UInt64 u) return u.value().toString();
        return v.toString();
    }

    private static String at(Kind kind, int offset) {
        return kind.yamlName() + ":" + offset + " (" + RegisterSpan.modicon(kind, offset) + ")";
    }

    private static String printable(int b) {
        int c = b & 0xFF;
        return c >= 0x20 && c < 0x7F ? Character.toString((char) c) : ".";
    }
}

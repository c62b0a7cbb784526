package io.rung.gateway.bench;

import io.rung.config.ModbusAddress.Kind;
import io.rung.drivers.sim.ModbusSimulator;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * The register map of one benchmark device, 100 points of mixed types in the simulator's free registers, and the
 * "process" that changes every one of them at each step, so that every poll publishes every point.
 *
 * <pre>
 * holding:0-39    40 points  uint16 / int16
 * holding:40-79   20 points  uint32 ABCD / int32 CDAB
 * holding:80-99   10 points  float32 ABCD        → one FC 3 request of 100 registers
 * input:10-39     30 points  uint16              → one FC 4 request of 30 registers
 * </pre>
 */
final class BenchLayout {
    static final int POINTS = 100;

    private BenchLayout() {}

    /** The device's {@code points:} as YAML flow maps, one per line, unindented. */
    static String points() {
        StringJoiner out = new StringJoiner("\n", "", "\n");
        for (int i = 0; i < 40; i++) {
            out.add(point("h" + i, "holding:" + i, i % 2 == 0 ? "uint16" : "int16", "ABCD"));
        }
        for (int i = 0; i < 20; i++) {
            int at = 40 + 2 * i;
            out.add(point("w" + i, "holding:" + at, i % 2 == 0 ? "uint32" : "int32", i % 2 == 0 ? "ABCD" : "CDAB"));
        }
        for (int i = 0; i < 10; i++) {
            out.add(point("f" + i, "holding:" + (80 + 2 * i), "float32", "ABCD"));
        }
        for (int i = 0; i < 30; i++) {
            out.add(point("i" + i, "input:" + (10 + i), "uint16", "ABCD"));
        }
        return out.toString();
    }

    private static String point(String name, String address, String type, String order) {
        return "- { name: " + name + ", address: " + address + ", type: " + type + ", order: " + order + " }";
    }

    /** A whole gateway config: one device per simulator port (cycling through them), all on {@code poll}. */
    static String config(List<Integer> ports, int devices, Duration poll) {
        StringBuilder yaml = new StringBuilder("""
                gateway: { id: bench }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                """);
        String points = points().indent(6);
        for (int d = 0; d < devices; d++) {
            String name = String.format(java.util.Locale.ROOT, "d%03d", d);
            yaml.append("  - name: ")
                    .append(name)
                    .append('\n')
                    .append("    topic: bench/")
                    .append(name)
                    .append('\n')
                    .append("    modbus: { url: \"tcp://127.0.0.1:")
                    .append(ports.get(d % ports.size()))
                    .append("\", unit: 1, timeout: 2s }\n")
                    .append("    poll: ")
                    .append(poll.toMillis())
                    .append("ms\n")
                    .append("    points:\n")
                    .append(points);
        }
        return yaml.toString();
    }

    /** Step {@code step} of the process: every mapped register gets a value it did not have at the last step. */
    static void apply(ModbusSimulator sim, int step) {
        for (int i = 0; i < 80; i++) sim.set(Kind.HOLDING, i, (step * 7 + i) & 0xFFFF);
        for (int i = 0; i < 10; i++) {
            sim.set(Kind.HOLDING, 80 + 2 * i, 0x4120); // 10.0f and a little more:
            sim.set(Kind.HOLDING, 81 + 2 * i, (step + i) & 0xFFFF); // the low mantissa bits count up, never NaN
        }
        for (int i = 10; i < 40; i++) sim.set(Kind.INPUT, i, (step * 3 + i) & 0xFFFF);
    }
}

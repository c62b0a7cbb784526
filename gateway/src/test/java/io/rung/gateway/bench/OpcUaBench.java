package io.rung.gateway.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.drivers.sim.OpcUaSimulator;
import io.rung.gateway.Gateway;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitored items per second delivered end to end: Rung's OPC UA simulator with {@code --nodes} generated variables
 * that change at every sample → the gateway ({@code --devices} OPC UA devices in subscribe mode sharing the nodes,
 * sampling and publishing interval {@code --interval} ms) → its broker → one MQTT 5 subscriber that counts the
 * messages. Everything runs in this JVM on loopback. Not a test: run it with {@code bench/opcua/run.sh}.
 *
 * <p>Options: {@code --nodes N} (10000), {@code --devices N} (4), {@code --interval MS} (1000), {@code --seconds N}
 * measured (20), {@code --qos 0|1} of the gateway's messages and the subscription (1), {@code --out FILE} to append
 * the Markdown row to.
 */
public final class OpcUaBench {
    private static final Logger LOG = LoggerFactory.getLogger("bench");
    private static final String PREFIX = "bench";

    private OpcUaBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "10000"));
        int devices = Integer.parseInt(opts.getOrDefault("devices", "4"));
        int intervalMs = Integer.parseInt(opts.getOrDefault("interval", "1000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int qos = Integer.parseInt(opts.getOrDefault("qos", "1"));
        Path work = Files.createTempDirectory("rung-opcua-bench");
        try {
            String row = run(work, nodes, devices, intervalMs, seconds, qos);
            LOG.info("{}", row);
            if (opts.containsKey("out")) {
                Files.writeString(
                        Path.of(opts.get("out")),
                        row + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } finally {
            deleteTree(work);
        }
        // Milo and HiveMQ keep non-daemon threads for a while after closing
        System.exit(0);
    }

    private static String run(Path work, int nodes, int devices, int intervalMs, int seconds, int qos)
            throws Exception {
        try (OpcUaSimulator sim = new OpcUaSimulator(OpcUaSimulator.DEFAULT_OPERATOR_PASSWORD, true, nodes)) {
            sim.start("127.0.0.1", 0, work.resolve("sim-pki"));
            RungConfig config =
                    ConfigLoader.parse(yaml(sim.url(), nodes, devices, intervalMs, qos), "rung.yaml", work, Map.of());
            long start = System.nanoTime();
            try (Gateway gateway = Gateway.start(config, false, line -> {})) {
                int port = gateway.broker().listeners().get(0).address().getPort();
                try (BulkSubscriber sub = new BulkSubscriber(
                        port, nodes, PREFIX, qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)) {
                    long deadline = start + 90_000_000_000L;
                    while (sub.distinctPoints() < nodes && System.nanoTime() < deadline) Thread.sleep(100);
                    double firstAll = (System.nanoTime() - start) / 1e9;
                    if (sub.distinctPoints() < nodes) {
                        throw new IllegalStateException("only " + sub.distinctPoints() + " of " + nodes
                                + " points delivered a value within 90 s");
                    }
                    LOG.info(
                            "all {} points delivered a first value {} s after the gateway started; {} monitored"
                                    + " items on the server",
                            nodes,
                            fmt(firstAll),
                            sim.monitoredItemCount());
                    Thread.sleep(3_000);
                    sub.resetDelays();
                    List<Long> perSecond = new ArrayList<>();
                    long cpu0 = cpuNanos();
                    long begin = System.nanoTime();
                    long last = sub.messages();
                    long first = last;
                    for (int s = 0; s < seconds; s++) {
                        Thread.sleep(1_000);
                        long now = sub.messages();
                        perSecond.add(now - last);
                        last = now;
                    }
                    double elapsed = (System.nanoTime() - begin) / 1e9;
                    double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
                    double cores = cpuSeconds / elapsed;
                    double cpuMicrosPerMessage = last > first ? cpuSeconds * 1e6 / (last - first) : 0;
                    String load = loadAverage();
                    double rate = (last - first) / elapsed;
                    long min = perSecond.stream().min(Comparator.naturalOrder()).orElse(0L);
                    long max = perSecond.stream().max(Comparator.naturalOrder()).orElse(0L);
                    double expected = nodes * 1000.0 / intervalMs;
                    LOG.info(
                            "delivered {}/s on average over {} s (expected {}/s), per second {}..{}; delay from"
                                    + " source timestamp p50 {} ms, p99 {} ms; process CPU {} cores, {} µs per message;"
                                    + " machine load average {}",
                            fmt(rate),
                            fmt(elapsed),
                            fmt(expected),
                            min,
                            max,
                            sub.delayPercentile(0.5),
                            sub.delayPercentile(0.99),
                            fmt(cores),
                            fmt(cpuMicrosPerMessage),
                            load);
                    return String.format(
                            Locale.ROOT,
                            "| %d | %d | %d ms | %d | %.0f | %.0f | %d–%d | %d / %d ms"
                                    + " | %.1f s | %.2f | %.0f µs | %s |",
                            nodes,
                            devices,
                            intervalMs,
                            qos,
                            expected,
                            rate,
                            min,
                            max,
                            sub.delayPercentile(0.5),
                            sub.delayPercentile(0.99),
                            firstAll,
                            cores,
                            cpuMicrosPerMessage,
                            load);
                }
            }
        }
    }

    static String yaml(String url, int nodes, int devices, int intervalMs, int qos) {
        StringBuilder out = new StringBuilder(64 * nodes + 512);
        out.append("""
                gateway: { id: opcua-bench }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                """);
        int per = (nodes + devices - 1) / devices;
        for (int d = 0; d < devices; d++) {
            out.append("  - name: d")
                    .append(d)
                    .append('\n')
                    .append("    topic: ")
                    .append(PREFIX)
                    .append("/d")
                    .append(d)
                    .append('\n')
                    .append("    opcua: { url: \"")
                    .append(url)
                    .append("\", security: none }\n")
                    .append("    mode: subscribe\n")
                    .append("    poll: ")
                    .append(intervalMs)
                    .append("ms\n")
                    .append("    heartbeat: 0s\n")
                    .append("    qos: ")
                    .append(qos)
                    .append('\n')
                    .append("    points:\n");
            for (int i = d * per; i < Math.min(nodes, (d + 1) * per); i++) {
                out.append("      - { name: n")
                        .append(i)
                        .append(", node: \"nsu=")
                        .append(OpcUaSimulator.NAMESPACE_URI)
                        .append(";s=")
                        .append(OpcUaSimulator.BULK_PREFIX)
                        .append(i)
                        .append("\" }\n");
            }
        }
        return out.toString();
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The 1-minute load average (Linux), to tell a quiet machine from a busy one; "?" elsewhere. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option, got " + args[i]);
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

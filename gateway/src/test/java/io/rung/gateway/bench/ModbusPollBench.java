package io.rung.gateway.bench;

import ch.qos.logback.classic.Level;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.drivers.modbus.ReadPlan;
import io.rung.drivers.sim.ModbusSimulator;
import io.rung.gateway.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polling throughput of one gateway: N devices × 100 points ({@link BenchLayout}) on Modbus simulators, the broker
 * in-process, one MQTT subscriber counting the values it receives; every point changes at every poll, so every
 * poll should publish every point. For each poll interval it reports values per second received against the
 * target, Modbus requests per poll cycle (planned and counted at the simulators) and how old values were on
 * arrival. Run by {@code bench/modbus/poll-bench.sh}; not a test.
 *
 * <pre>
 * ModbusPollBench [--devices 100] [--simulators 100] [--polls 1000,500,250,100] [--seconds 8] [--warmup 3]
 *                 [--qos 1] [--log ERROR] [--out FILE]
 * </pre>
 */
public final class ModbusPollBench {
    private static final Logger LOG = LoggerFactory.getLogger("bench");

    private ModbusPollBench() {}

    /** One poll interval's figures. */
    private record Row(
            Duration poll, double target, double received, double requestsPerSecond, int planned, long p50, long p99) {
        String markdown() {
            double seconds = poll.toMillis() / 1000.0;
            return String.format(
                    Locale.ROOT,
                    "| %d ms | %,.0f | %,.0f | %.0f %% | %d | %.1f | %.0f | %d | %d |",
                    poll.toMillis(),
                    target,
                    received,
                    100 * received / target,
                    planned,
                    requestsPerSecond * seconds,
                    requestsPerSecond,
                    p50,
                    p99);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int devices = Integer.parseInt(opts.getOrDefault("devices", "100"));
        int simulators = Integer.parseInt(opts.getOrDefault("simulators", Integer.toString(devices)));
        List<Duration> polls = Arrays.stream(
                        opts.getOrDefault("polls", "1000,500,250,100").split(","))
                .map(s -> Duration.ofMillis(Long.parseLong(s.replace("ms", "").trim())))
                .toList();
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "8"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        int qos = Integer.parseInt(opts.getOrDefault("qos", "1"));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.valueOf(opts.getOrDefault("log", "ERROR")));
        ((ch.qos.logback.classic.Logger) LOG).setLevel(Level.INFO);

        List<ModbusSimulator> sims = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        ScheduledExecutorService process = Executors.newSingleThreadScheduledExecutor();
        Path dir = Files.createTempDirectory("rung-poll-bench");
        List<Row> rows = new ArrayList<>();
        try {
            for (int i = 0; i < simulators; i++) {
                ModbusSimulator sim = new ModbusSimulator(Clock.systemUTC(), 1);
                ports.add(sim.start("127.0.0.1", 0));
                sims.add(sim);
            }
            AtomicInteger step = new AtomicInteger();
            process.scheduleAtFixedRate(
                    () -> {
                        int s = step.incrementAndGet();
                        for (ModbusSimulator sim : sims) BenchLayout.apply(sim, s);
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            LOG.info(
                    "{} devices x {} points on {} simulators; subscriber at QoS {}; {} s per poll interval after {} s "
                            + "warm-up; {} cores",
                    devices,
                    BenchLayout.POINTS,
                    simulators,
                    qos,
                    seconds,
                    warmup,
                    Runtime.getRuntime().availableProcessors());
            // an unmeasured run at the fastest interval first, so that the first row is not the JIT's warm-up
            Duration fastest = polls.stream().min(Duration::compareTo).orElseThrow();
            run(dir.resolve("jit"), ports, sims, devices, fastest, 1, 2 * warmup, qos);
            for (Duration poll : polls) rows.add(run(dir, ports, sims, devices, poll, seconds, warmup, qos));
        } finally {
            process.shutdownNow();
            sims.forEach(ModbusSimulator::close);
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        String table = table(rows);
        LOG.info("\n{}", table);
        if (opts.containsKey("out")) Files.writeString(Path.of(opts.get("out")), table);
    }

    private static Row run(
            Path dir,
            List<Integer> ports,
            List<ModbusSimulator> sims,
            int devices,
            Duration poll,
            int seconds,
            int warmup,
            int qos)
            throws Exception {
        Path phase = Files.createDirectories(dir.resolve("poll-" + poll.toMillis())); // a fresh data dir
        RungConfig config = ConfigLoader.parse(BenchLayout.config(ports, devices, poll), "bench.yaml", phase, Map.of());
        int planned = config.devices().stream()
                .mapToInt(d -> ReadPlan.of(d).blocks().size())
                .sum();
        long started = System.nanoTime();
        Gateway gateway = Gateway.start(config, false, line -> {});
        LOG.info("poll {} ms: gateway started in {} ms", poll.toMillis(), (System.nanoTime() - started) / 1_000_000);
        try (BenchSubscriber subscriber = new BenchSubscriber(
                gateway.broker().listeners().get(0).address().getPort(), qos)) {
            Thread.sleep(warmup * 1000L);
            subscriber.resetAges();
            long values0 = subscriber.values();
            long requests0 = answered(sims);
            long t0 = System.nanoTime();
            // at least 12 polls, so that a poll more or less at the window's edges changes the result by < 10 %
            Thread.sleep(Math.max(seconds * 1000L, 12 * poll.toMillis()));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double received = (subscriber.values() - values0) / elapsed;
            double requests = (answered(sims) - requests0) / elapsed;
            double target = (double) devices * BenchLayout.POINTS * 1000 / poll.toMillis();
            Row row = new Row(
                    poll,
                    target,
                    received,
                    requests,
                    planned,
                    subscriber.agePercentile(0.5),
                    subscriber.agePercentile(0.99));
            LOG.info(
                    "poll {} ms: {} values/s of {} target, {} Modbus requests/s",
                    poll.toMillis(),
                    Math.round(received),
                    Math.round(target),
                    Math.round(requests));
            return row;
        } finally {
            long closing = System.nanoTime();
            gateway.close();
            LOG.info("poll {} ms: gateway closed in {} ms", poll.toMillis(), (System.nanoTime() - closing) / 1_000_000);
        }
    }

    private static long answered(List<ModbusSimulator> sims) {
        return sims.stream().mapToLong(ModbusSimulator::answered).sum();
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| poll | target values/s | received values/s | of target | "
                + "planned requests per cycle | counted requests per cycle | requests/s | age p50 ms | age p99 ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) out.append(r.markdown()).append('\n');
        return out.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + args[i]);
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}

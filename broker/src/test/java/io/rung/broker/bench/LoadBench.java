package io.rung.broker.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load benchmark of Rung's broker against Debian's mosquitto, both started by this program on free loopback ports
 * and driven by the same Netty load generator in fan-in, fan-out and pairs scenarios at QoS 0 and 1. Reports
 * delivered messages per second and per broker CPU second, and checks that no acknowledged QoS 1 message is lost.
 * Not a test: run it with {@code bench/broker-vs-mosquitto.sh}.
 *
 * <p>Options: {@code --seconds N} per run (8), {@code --clients N} (50), {@code --payload BYTES} (64),
 * {@code --out FILE} for the Markdown table, {@code --rung-jvm "ARGS"} for the broker JVM ("-Xmx1g"),
 * {@code --only TEXT} to run only the scenarios whose label contains TEXT (e.g. "fan-in QoS 0").
 */
public final class LoadBench {
    private static final Logger LOG = LoggerFactory.getLogger("bench");
    private static final int MAX_INFLIGHT = 32;

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Duration runTime = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "8")));
        int clients = Integer.parseInt(opts.getOrDefault("clients", "50"));
        int payload = Integer.parseInt(opts.getOrDefault("payload", "64"));
        List<String> rungJvm =
                List.of(opts.getOrDefault("rung-jvm", "-Xmx1g").trim().split("\\s+"));

        List<Scenario> scenarios = new ArrayList<>();
        for (int qos : new int[] {0, 1}) {
            scenarios.add(new Scenario("fan-in", Scenario.Pattern.FAN_IN, clients, qos, payload, 20_000_000));
            scenarios.add(new Scenario("fan-out", Scenario.Pattern.FAN_OUT, clients, qos, payload, 2_000_000));
            scenarios.add(new Scenario("pairs", Scenario.Pattern.PAIRS, clients, qos, payload, 20_000_000));
        }
        String only = opts.get("only");
        if (only != null) scenarios.removeIf(s -> !s.label().contains(only));

        int threads = Runtime.getRuntime().availableProcessors();
        EventLoopGroup subscriberGroup = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        EventLoopGroup publisherGroup = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        Bootstrap subscribers = bootstrap(subscriberGroup);
        Bootstrap publishers = bootstrap(publisherGroup);
        List<ScenarioRun.Result> results = new ArrayList<>();
        Map<String, Double> cpu = new HashMap<>();
        try (RungProcess rung = RungProcess.start(rungJvm, MAX_INFLIGHT);
                MosquittoServer mosquitto = MosquittoServer.start(MAX_INFLIGHT)) {
            LOG.info(
                    "rung on port {} (pid {}), mosquitto on port {} (pid {}); {} s per run, {} clients, {} B payload",
                    rung.port(),
                    rung.pid(),
                    mosquitto.port(),
                    mosquitto.pid(),
                    runTime.toSeconds(),
                    clients,
                    payload);
            Scenario warmUp = new Scenario("warm-up", Scenario.Pattern.PAIRS, clients, 1, payload, 5_000_000);
            ScenarioRun.run(subscribers, publishers, "rung", "127.0.0.1", rung.port(), warmUp, Duration.ofSeconds(4));
            ScenarioRun.run(
                    subscribers, publishers, "mosquitto", "127.0.0.1", mosquitto.port(), warmUp, Duration.ofSeconds(2));
            for (Scenario s : scenarios) {
                results.add(measure(subscribers, publishers, "rung", rung.port(), rung.pid(), s, runTime, cpu));
                results.add(measure(
                        subscribers, publishers, "mosquitto", mosquitto.port(), mosquitto.pid(), s, runTime, cpu));
            }
        } finally {
            subscriberGroup.shutdownGracefully().syncUninterruptibly();
            publisherGroup.shutdownGracefully().syncUninterruptibly();
        }
        String table = ResultTable.markdown(results, cpu);
        LOG.info("\n{}", table);
        if (opts.containsKey("out")) Files.writeString(Path.of(opts.get("out")), table);
        boolean lost = results.stream().anyMatch(r -> r.lost() > 0);
        if (lost) {
            LOG.error("acknowledged QoS 1 messages were lost; see the table");
            System.exit(1);
        }
    }

    private static Bootstrap bootstrap(EventLoopGroup group) {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024));
    }

    private static ScenarioRun.Result measure(
            Bootstrap subscribers,
            Bootstrap publishers,
            String target,
            int port,
            long pid,
            Scenario s,
            Duration runTime,
            Map<String, Double> cpu)
            throws Exception {
        settle(pid);
        double cpuBefore = cpuSeconds(pid);
        ScenarioRun.Result r = ScenarioRun.run(subscribers, publishers, target, "127.0.0.1", port, s, runTime);
        cpu.put(target + "/" + s.label(), cpuSeconds(pid) - cpuBefore);
        LOG.info(String.format(
                Locale.ROOT,
                "%-10s %-16s sent %,12d delivered %,12d of %,12d in %6.2f s = %,12.0f msg/s, lost %d,"
                        + " duplicates %d",
                target,
                s.label(),
                r.sent(),
                r.delivered(),
                r.expected(),
                r.seconds(),
                r.perSecond(),
                r.lost(),
                r.duplicates()));
        return r;
    }

    /**
     * Waits (at most 60 s) until the broker process is idle, so a backlog left from an earlier overload run does not
     * eat into the next measurement.
     */
    private static void settle(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double before = cpuSeconds(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            double now = cpuSeconds(pid);
            if (now - before < 0.05) return;
            before = now;
        }
        LOG.warn("broker pid {} still busy after 60 s; measuring anyway", pid);
    }

    /** User plus system CPU time the process has used so far. */
    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9)
                .orElse(0.0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--"))
                throw new IllegalArgumentException("options look like --name value, got " + args[i]);
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}

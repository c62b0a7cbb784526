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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge benchmark: Rung's broker in this JVM with a bridge to Debian's mosquitto (started by this program on a free
 * loopback port). Measures forwarded messages per second at QoS 0 and QoS 1, counted by a subscriber on mosquitto,
 * and the drain rate of a backlog of queued messages after an outage. Checks that no acknowledged QoS 1 message is
 * lost. Not a test: run it with {@code bench/bridge-to-mosquitto.sh}.
 *
 * <p>Options: {@code --seconds N} of publishing per forwarding run (10), {@code --messages N} published at most per
 * forwarding run (500000, so that the queue never overflows), {@code --publishers N} (4), {@code --payload BYTES}
 * (100), {@code --backlog N} messages (1000000, 0 skips it), {@code --only forward|backlog}, {@code --out FILE} for
 * the Markdown tables.
 */
public final class BridgeBench {
    private static final Logger LOG = LoggerFactory.getLogger("bench");
    private static final int MAX_INFLIGHT = 32;

    private BridgeBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Duration runTime = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "10")));
        long messages = Long.parseLong(opts.getOrDefault("messages", "500000"));
        int publishers = Integer.parseInt(opts.getOrDefault("publishers", "4"));
        int payload = Integer.parseInt(opts.getOrDefault("payload", "100"));
        long backlog = Long.parseLong(opts.getOrDefault("backlog", "1000000"));
        String only = opts.getOrDefault("only", "");
        Path tmp = Files.createTempDirectory("bridge-bench-");
        EventLoopGroup subGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup pubGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<ForwardRun.Result> forwarded = new ArrayList<>();
        BacklogDrain.Result drained = null;
        try {
            Bootstrap subs = bootstrap(subGroup);
            Bootstrap pubs = bootstrap(pubGroup);
            if (!only.equals("backlog")) {
                for (int qos : new int[] {0, 1})
                    forwarded.add(
                            forward(tmp.resolve("q" + qos), subs, pubs, qos, publishers, payload, runTime, messages));
            }
            if (!only.equals("forward") && backlog > 0) {
                drained = BacklogDrain.run(tmp.resolve("backlog"), subs, backlog, payload, MAX_INFLIGHT);
                LOG.info(String.format(
                        Locale.ROOT,
                        "backlog drained %,d of %,d in %.1f s = %,.0f msg/s (bridge connected %.1f s"
                                + " after mosquitto started); missing %d, duplicates %d; JVM CPU %.1f s, mosquitto"
                                + " CPU %.1f s; threads: %s",
                        drained.delivered(),
                        drained.count(),
                        drained.drainSeconds(),
                        drained.drainPerSecond(),
                        drained.connectSeconds(),
                        drained.missing(),
                        drained.duplicates(),
                        drained.jvmCpu(),
                        drained.mosquittoCpu(),
                        drained.threads()));
            }
        } finally {
            subGroup.shutdownGracefully().syncUninterruptibly();
            pubGroup.shutdownGracefully().syncUninterruptibly();
            deleteTree(tmp);
        }
        String tables = BridgeResultTable.markdown(forwarded, drained);
        LOG.info("\n{}", tables);
        if (opts.containsKey("out")) Files.writeString(Path.of(opts.get("out")), tables);
        boolean lost = forwarded.stream().anyMatch(r -> r.lost() > 0) || drained != null && drained.missing() > 0;
        if (lost) {
            LOG.error("acknowledged messages were lost; see the tables");
            System.exit(1);
        }
    }

    /**
     * A fresh broker, bridge and mosquitto; a warm-up run at QoS 1 (at most 3 s and 100 000 messages, not reported;
     * QoS 1 so that it ends only when all of it was forwarded), then the measured run.
     */
    private static ForwardRun.Result forward(
            Path dir,
            Bootstrap subs,
            Bootstrap pubs,
            int qos,
            int publishers,
            int payload,
            Duration runTime,
            long messages)
            throws Exception {
        try (BridgeRemote remote = BridgeRemote.onFreePort(MAX_INFLIGHT)) {
            remote.start();
            try (EmbeddedRung rung = EmbeddedRung.start(dir, remote.port(), qos)) {
                if (!rung.awaitConnected(Duration.ofSeconds(20))) throw new IllegalStateException("bridge not up");
                ForwardRun.run(
                        "warmup" + qos,
                        rung,
                        remote,
                        subs,
                        pubs,
                        1,
                        publishers,
                        payload,
                        Duration.ofSeconds(3),
                        100_000);
                ForwardRun.Result r = ForwardRun.run(
                        "q" + qos, rung, remote, subs, pubs, qos, publishers, payload, runTime, messages);
                LOG.info(String.format(
                        Locale.ROOT,
                        "QoS %d: sent %,d delivered %,d in %.2f s = %,.0f msg/s (publishing %.1f s),"
                                + " lost %d, duplicates %d, bridge dropped %d, max queued %,d; JVM CPU %.1f s,"
                                + " mosquitto CPU %.1f s; threads: %s",
                        qos,
                        r.sent(),
                        r.delivered(),
                        r.seconds(),
                        r.perSecond(),
                        r.publishSeconds(),
                        r.lost(),
                        r.duplicates(),
                        r.bridgeDropped(),
                        r.maxQueued(),
                        r.jvmCpu(),
                        r.mosquittoCpu(),
                        r.threads()));
                return r;
            }
        }
    }

    private static Bootstrap bootstrap(EventLoopGroup group) {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p :
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
        }
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

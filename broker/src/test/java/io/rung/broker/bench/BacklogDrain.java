package io.rung.broker.bench;

import io.netty.bootstrap.Bootstrap;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backlog run: with mosquitto down, an in-process client publishes {@code count} QoS 1 messages that the
 * bridge's out rule matches, so all of them go to the disk queue; then mosquitto starts, a subscriber connects, and
 * the run measures from the bridge's CONNACK until the subscriber has every message.
 */
final class BacklogDrain {
    private static final Logger LOG = LoggerFactory.getLogger("bench");
    private static final int AHEAD = 20_000;
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(90);

    /** The outcome; {@code connectSeconds} is mosquitto's start until the bridge connected (its retry back-off). */
    record Result(
            long count,
            int payload,
            double fillSeconds,
            long fileBytes,
            long fileBytesAfter,
            double connectSeconds,
            double drainSeconds,
            long delivered,
            long missing,
            long duplicates,
            double jvmCpu,
            double mosquittoCpu,
            String threads,
            double loadBefore,
            double loadAfter) {
        double fillPerSecond() {
            return count / fillSeconds;
        }

        double drainPerSecond() {
            return drainSeconds <= 0 ? 0 : delivered / drainSeconds;
        }
    }

    private BacklogDrain() {}

    static Result run(Path dataDir, Bootstrap subSide, long count, int payload, int maxInflight) throws Exception {
        try (BridgeRemote remote = BridgeRemote.onFreePort(maxInflight);
                EmbeddedRung rung = EmbeddedRung.start(dataDir, remote.port(), 1)) {
            double loadBefore = ThreadCpu.loadAverage();
            long fillStart = System.nanoTime();
            fill(rung, count, payload);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            long fileBytes = rung.queueFileBytes();
            LOG.info(String.format(
                    Locale.ROOT,
                    "backlog: %,d messages queued in %.1f s (%,.0f msg/s), queue file %,d bytes, " + "bridge %s",
                    count,
                    fillSeconds,
                    count / fillSeconds,
                    fileBytes,
                    rung.status().state()));

            ThreadCpu cpu = ThreadCpu.start();
            long mosquittoStart = System.nanoTime();
            remote.start();
            long mosquittoPid = remote.pid();
            SequenceTracker tracker = new SequenceTracker();
            BenchClient sub = BenchClient.connect(subSide, "127.0.0.1", remote.port(), "backlog-sub", tracker)
                    .get(30, TimeUnit.SECONDS);
            try {
                sub.subscribe(EmbeddedRung.PREFIX + "bench/backlog/#", 1).get(30, TimeUnit.SECONDS);
                if (rung.status().connected()) {
                    throw new IllegalStateException("the bridge connected before the subscriber was ready; run again");
                }
                if (!rung.awaitConnected(CONNECT_LIMIT)) {
                    throw new IllegalStateException("the bridge did not connect within " + CONNECT_LIMIT);
                }
                long connected = System.nanoTime();
                awaitAll(tracker, count);
                double drainSeconds = (tracker.lastNanos() - connected) / 1e9;
                return new Result(
                        count,
                        payload,
                        fillSeconds,
                        fileBytes,
                        rung.queueFileBytes(),
                        (connected - mosquittoStart) / 1e9,
                        drainSeconds,
                        tracker.count(),
                        tracker.missing(0, count),
                        tracker.duplicates(),
                        cpu.processSeconds(),
                        ThreadCpu.cpuSeconds(mosquittoPid),
                        cpu.top(6),
                        loadBefore,
                        ThreadCpu.loadAverage());
            } finally {
                sub.close();
            }
        }
    }

    /** Publishes at most {@link #AHEAD} messages ahead of the bridge's queue, then waits for the queue file. */
    private static void fill(EmbeddedRung rung, long count, int payload) throws InterruptedException {
        Identity identity = Identity.trusted("bench-filler");
        Origin origin = Origin.of(identity);
        try (LocalClient filler = rung.broker().connectLocal(identity)) {
            for (long seq = 0; seq < count; seq++) {
                byte[] body =
                        ByteBuffer.allocate(payload).putInt(0).putLong(seq).array();
                filler.publish(Message.of("bench/backlog/" + seq % 10, body, 1, false, origin));
                while (seq - rung.status().queued() > AHEAD) Thread.sleep(1);
            }
        }
        while (rung.status().queued() < count) Thread.sleep(10);
        long size = -1;
        while (size != rung.queueFileBytes()) { // the last group commit
            size = rung.queueFileBytes();
            Thread.sleep(500);
        }
    }

    /** Waits until all {@code count} arrived, or nothing arrived for 15 s. */
    private static void awaitAll(SequenceTracker tracker, long count) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (tracker.count() < count) {
            long now = tracker.count();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(15)) {
                return;
            }
            Thread.sleep(20);
        }
    }
}

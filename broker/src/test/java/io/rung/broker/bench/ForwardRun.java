package io.rung.broker.bench;

import io.netty.bootstrap.Bootstrap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One forwarding run: publishers on Rung's listener ({@code bench/<run>/<i>}) at one QoS, the bridge's out rule at
 * the same QoS, and one subscriber on mosquitto ({@code site-1/bench/#}) counting what arrives, so the rate is
 * measured where the cloud would see it. Publishing is bounded by time and count; then the run waits until
 * everything arrived (QoS 1) or arrivals stopped (QoS 0).
 */
final class ForwardRun {
    private static final int WINDOW = 64;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(180);

    /** The outcome; {@code lost} counts messages Rung acknowledged (QoS 1) that never reached the subscriber. */
    record Result(
            String label,
            int qos,
            int publishers,
            long sent,
            long delivered,
            long lost,
            long duplicates,
            double seconds,
            double publishSeconds,
            long bridgeDropped,
            long maxQueued,
            double jvmCpu,
            double mosquittoCpu,
            String threads,
            double loadBefore,
            double loadAfter) {
        double perSecond() {
            return seconds <= 0 ? 0 : delivered / seconds;
        }
    }

    private ForwardRun() {}

    static Result run(
            String label,
            EmbeddedRung rung,
            BridgeRemote remote,
            Bootstrap subSide,
            Bootstrap pubSide,
            int qos,
            int publishers,
            int payload,
            Duration duration,
            long maxMessages)
            throws Exception {
        double loadBefore = ThreadCpu.loadAverage();
        SequenceTracker tracker = new SequenceTracker();
        BenchClient sub = BenchClient.connect(subSide, "127.0.0.1", remote.port(), label + "-sub", tracker)
                .get(30, TimeUnit.SECONDS);
        List<BenchClient> pubs = new ArrayList<>();
        try {
            sub.subscribe(EmbeddedRung.PREFIX + "bench/" + label + "/#", qos).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < publishers; i++) {
                pubs.add(BenchClient.connect(pubSide, "127.0.0.1", rung.port(), label + "-p" + i, (p, s) -> {})
                        .get(30, TimeUnit.SECONDS));
            }
            long droppedBefore = rung.status().dropped();
            long mosquittoPid = remote.pid();
            double mosquittoBefore = ThreadCpu.cpuSeconds(mosquittoPid);
            ThreadCpu cpu = ThreadCpu.start();
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<CompletableFuture<Void>> publishing = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                publishing.add(pubs.get(i)
                        .publish(
                                "bench/" + label + "/" + i,
                                qos,
                                payload,
                                i,
                                maxMessages / publishers,
                                deadline,
                                WINDOW));
            }
            long maxQueued = 0;
            for (CompletableFuture<Void> f : publishing) {
                while (!f.isDone()) {
                    maxQueued = Math.max(maxQueued, rung.status().queued());
                    Thread.sleep(20);
                }
                f.get();
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            long sent = pubs.stream().mapToLong(BenchClient::sent).sum();
            maxQueued = Math.max(maxQueued, drain(rung, tracker, sent, qos));
            long lost = 0;
            if (qos > 0) {
                for (int i = 0; i < publishers; i++)
                    lost += tracker.missing(i, pubs.get(i).acked());
            }
            double seconds = (tracker.lastNanos() - start) / 1e9;
            return new Result(
                    label,
                    qos,
                    publishers,
                    sent,
                    tracker.count(),
                    lost,
                    tracker.duplicates(),
                    seconds,
                    publishSeconds,
                    rung.status().dropped() - droppedBefore,
                    maxQueued,
                    cpu.processSeconds(),
                    ThreadCpu.cpuSeconds(mosquittoPid) - mosquittoBefore,
                    cpu.top(6),
                    loadBefore,
                    ThreadCpu.loadAverage());
        } finally {
            pubs.forEach(BenchClient::close);
            sub.close();
        }
    }

    /**
     * Waits until {@code expected} messages arrived, or for 3 s (QoS 1: 10 s) nothing arrived, the bridge's queue was
     * empty and it sent nothing (QoS 0 may lose messages), or the drain limit passed. Returns the largest queue length
     * seen.
     */
    private static long drain(EmbeddedRung rung, SequenceTracker tracker, long expected, int qos)
            throws InterruptedException {
        long limit = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long lastCount = -1;
        long lastSent = -1;
        long quietSince = System.nanoTime();
        long maxQueued = 0;
        while (System.nanoTime() < limit) {
            long count = tracker.count();
            long queued = rung.status().queued();
            long sent = rung.status().sent();
            maxQueued = Math.max(maxQueued, queued);
            if (count >= expected) return maxQueued;
            if (count != lastCount || sent != lastSent || queued > 0) {
                lastCount = count;
                lastSent = sent;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(qos == 0 ? 3 : 10)) {
                return maxQueued;
            }
            Thread.sleep(20);
        }
        return maxQueued;
    }
}

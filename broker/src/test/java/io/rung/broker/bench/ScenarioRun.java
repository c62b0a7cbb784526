package io.rung.broker.bench;

import io.netty.bootstrap.Bootstrap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one {@link Scenario} against one broker: connect, subscribe, publish for a bounded time, drain, verify. */
final class ScenarioRun {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final int QOS1_WINDOW = 64;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration QOS0_DRAIN_LIMIT = Duration.ofSeconds(10);

    /** The outcome; {@code lost} counts acknowledged QoS 1 messages a subscriber never got. */
    record Result(
            String target,
            Scenario scenario,
            long sent,
            long expected,
            long delivered,
            long lost,
            long duplicates,
            double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : delivered / seconds;
        }
    }

    private ScenarioRun() {}

    /**
     * Subscribers and publishers use separate event loop groups, so flooding publishers cannot starve the
     * subscribers that do the measuring.
     */
    static Result run(
            Bootstrap subscriberSide,
            Bootstrap publisherSide,
            String target,
            String host,
            int port,
            Scenario s,
            Duration duration)
            throws Exception {
        String id = "b" + RUNS.incrementAndGet();
        List<BenchClient> subs = new ArrayList<>();
        List<BenchClient> pubs = new ArrayList<>();
        List<SequenceTracker> trackers = new ArrayList<>();
        try {
            List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
            for (int i = 0; i < s.subscribers(); i++) {
                SequenceTracker tracker = new SequenceTracker();
                trackers.add(tracker);
                connecting.add(BenchClient.connect(subscriberSide, host, port, id + "s" + i, tracker));
            }
            for (CompletableFuture<BenchClient> c : connecting) subs.add(c.get(30, TimeUnit.SECONDS));
            List<CompletableFuture<Void>> subscribing = new ArrayList<>();
            for (int i = 0; i < subs.size(); i++) subscribing.add(subs.get(i).subscribe(s.filterOf(id, i), s.qos()));
            CompletableFuture.allOf(subscribing.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            connecting.clear();
            for (int i = 0; i < s.publishers(); i++) {
                connecting.add(BenchClient.connect(publisherSide, host, port, id + "p" + i, (p, q) -> {}));
            }
            for (CompletableFuture<BenchClient> c : connecting) pubs.add(c.get(30, TimeUnit.SECONDS));

            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long perPublisher = Math.max(1, s.maxMessages() / s.publishers());
            List<CompletableFuture<Void>> publishing = new ArrayList<>();
            for (int i = 0; i < pubs.size(); i++) {
                publishing.add(pubs.get(i)
                        .publish(s.topicOf(id, i), s.qos(), s.payloadSize(), i, perPublisher, deadline, QOS1_WINDOW));
            }
            CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new))
                    .get(duration.toSeconds() + DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS);

            long expected = 0;
            for (int i = 0; i < subs.size(); i++) {
                for (int source : s.sourcesOf(i)) expected += pubs.get(source).sent();
            }
            drain(trackers, expected, s.qos());
            long delivered = trackers.stream().mapToLong(SequenceTracker::count).sum();
            long duplicates =
                    trackers.stream().mapToLong(SequenceTracker::duplicates).sum();
            long lost = 0;
            if (s.qos() > 0) {
                for (int i = 0; i < subs.size(); i++) {
                    for (int source : s.sourcesOf(i))
                        lost += trackers.get(i).missing(source, pubs.get(source).acked());
                }
            }
            long last = trackers.stream()
                    .mapToLong(SequenceTracker::lastNanos)
                    .max()
                    .orElse(start);
            long sent = pubs.stream().mapToLong(BenchClient::sent).sum();
            return new Result(target, s, sent, expected, delivered, lost, duplicates, (last - start) / 1e9);
        } finally {
            subs.forEach(BenchClient::close);
            pubs.forEach(BenchClient::close);
        }
    }

    /**
     * Waits until every expected message arrived (QoS 1), or for QoS 0 until arrivals stopped for a second or the
     * QoS 0 drain limit passed (a broker that buffers without bound may still be delivering then).
     */
    private static void drain(List<SequenceTracker> trackers, long expected, int qos) throws InterruptedException {
        long limit = System.nanoTime() + (qos == 0 ? QOS0_DRAIN_LIMIT : DRAIN_LIMIT).toNanos();
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < limit) {
            long count = trackers.stream().mapToLong(SequenceTracker::count).sum();
            if (count >= expected) return;
            if (count != lastCount) {
                lastCount = count;
                quietSince = System.nanoTime();
            } else if (qos == 0 && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            Thread.sleep(20);
        }
    }
}

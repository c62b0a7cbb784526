package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numbered QoS 1 messages on a few topics, published in order, and the check on the other side: every number
 * arrived, and per topic the first copies arrived in order (QoS 1 may repeat a message after a reconnect).
 */
final class NumberedStream {
    private final List<String> topics;
    private final int[] next;

    NumberedStream(List<String> topics) {
        this.topics = List.copyOf(topics);
        this.next = new int[topics.size()];
    }

    /** Publishes {@code count} more messages, round robin over the topics, each acknowledged before the next. */
    void publish(TestClient publisher, int count) {
        for (int i = 0; i < count; i++) {
            int t = i % topics.size();
            publisher.publish(topics.get(t), String.valueOf(++next[t]), 1);
        }
    }

    /**
     * Publishes about {@code perSecond} messages a second until {@code deadlineNanos} ({@link System#nanoTime()}),
     * each acknowledged before the next; between bursts it waits for the next tick with Awaitility.
     */
    void publishUntil(TestClient publisher, long deadlineNanos, int perSecond) {
        long start = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - deadlineNanos < 0) {
            long due = (System.nanoTime() - start) / (1_000_000_000L / perSecond) + 1;
            if (due > sent) {
                publish(publisher, (int) (due - sent));
                sent = due;
            } else {
                long next = start + sent * (1_000_000_000L / perSecond);
                await().atMost(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> System.nanoTime() - next >= 0);
            }
        }
    }

    int published() {
        int sum = 0;
        for (int n : next) sum += n;
        return sum;
    }

    /** True once every number of every topic arrived (under {@code prefix + topic}). */
    boolean complete(List<Received> received, String prefix) {
        Map<String, List<Integer>> firsts = firstCopies(received, prefix);
        for (int t = 0; t < topics.size(); t++) {
            if (firsts.getOrDefault(topics.get(t), List.of()).size() != next[t]) return false;
        }
        return true;
    }

    void assertCompleteAndInOrder(List<Received> received, String prefix) {
        Map<String, List<Integer>> firsts = firstCopies(received, prefix);
        for (int t = 0; t < topics.size(); t++) {
            List<Integer> expected = new ArrayList<>();
            for (int n = 1; n <= next[t]; n++) expected.add(n);
            assertThat(firsts.get(topics.get(t)))
                    .as("first copies on %s", topics.get(t))
                    .isEqualTo(expected);
        }
    }

    private Map<String, List<Integer>> firstCopies(List<Received> received, String prefix) {
        Map<String, Set<Integer>> seen = new LinkedHashMap<>();
        for (Received r : received) {
            if (!r.topic().startsWith(prefix)) continue;
            String topic = r.topic().substring(prefix.length());
            if (!topics.contains(topic)) continue;
            seen.computeIfAbsent(topic, k -> new LinkedHashSet<>()).add(Integer.parseInt(r.text()));
        }
        Map<String, List<Integer>> firsts = new LinkedHashMap<>();
        seen.forEach((k, v) -> firsts.put(k, List.copyOf(v)));
        return firsts;
    }
}

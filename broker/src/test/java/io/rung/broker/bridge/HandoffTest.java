package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.config.BridgeConfig;
import io.rung.config.DataSize;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hand-off from publishers to a bridge's thread holds the {@code buffer} bounds on its own: while nothing takes
 * from it, the oldest are dropped and counted at once, and what is left is the newest that fit, in order.
 */
class HandoffTest {
    private static final BridgeConfig.Rule RULE = new BridgeConfig.Rule("building-b/#", "site-1/", 0);
    private final AtomicLong dropped = new AtomicLong();

    private static Handoff.Item item(int n, CompletableFuture<Void> written) {
        Message m = Message.of(
                "building-b/line-1/count",
                String.format(Locale.ROOT, "%05d", n).getBytes(StandardCharsets.UTF_8),
                0,
                false,
                Origin.broker());
        return Forwarder.item(RULE, m, false, written);
    }

    private static List<String> payloads(List<Handoff.Item> items) {
        return items.stream()
                .map(i -> new String(i.remote().payload(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void publishingFarMoreThanMaxMessagesWhileNobodyTakesKeepsOnlyTheNewest() {
        Handoff h = new Handoff(new BridgeConfig.BufferConfig(100, DataSize.ofGiB(1)), dropped);
        List<Boolean> wakes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) wakes.add(h.push(item(i, null)));

        assertThat(h.count()).isEqualTo(100);
        assertThat(dropped.get()).isEqualTo(99_900);
        assertThat(wakes.stream().filter(w -> w)).hasSize(1); // one take asked for, not one per message
        Handoff.Batch b = h.take(1000);
        assertThat(b.dropped()).isEqualTo(99_900);
        assertThat(b.more()).isFalse();
        assertThat(payloads(b.items())).first().isEqualTo("99900");
        assertThat(payloads(b.items())).last().isEqualTo("99999");
        assertThat(h.count()).isZero();
        assertThat(h.bytes()).isZero();
    }

    @Test
    void maxBytesBoundsTheHandoffAsItBoundsTheQueue() {
        long size = item(0, null).size();
        Handoff h = new Handoff(new BridgeConfig.BufferConfig(1_000_000, DataSize.ofBytes(10 * size)), dropped);
        for (int i = 0; i < 1000; i++) h.push(item(i, null));

        assertThat(h.count()).isEqualTo(10);
        assertThat(h.bytes()).isEqualTo(10 * size);
        assertThat(dropped.get()).isEqualTo(990);
    }

    @Test
    void aDroppedDurableMessageIsAcknowledgedAsTheQueueDoes() {
        Handoff h = new Handoff(new BridgeConfig.BufferConfig(2, DataSize.ofGiB(1)), dropped);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            written.add(f);
            h.push(item(i, f));
        }

        assertThat(written.subList(0, 3)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(written.subList(3, 5)).noneMatch(CompletableFuture::isDone); // wait for the disk write
    }

    @Test
    void takingInBatchesKeepsOrderAndAsksAgainOnlyWhenEmptied() {
        Handoff h = new Handoff(BridgeConfig.BufferConfig.defaults(), dropped);
        assertThat(h.push(item(0, null))).isTrue();
        for (int i = 1; i < 25; i++) assertThat(h.push(item(i, null))).isFalse();

        Handoff.Batch first = h.take(10);
        Handoff.Batch second = h.take(10);
        assertThat(h.push(item(25, null))).isFalse(); // a take is still due: the caller was told "more"
        Handoff.Batch third = h.take(10);

        assertThat(first.more()).isTrue();
        assertThat(second.more()).isTrue();
        assertThat(third.more()).isFalse();
        List<String> all = new ArrayList<>(payloads(first.items()));
        all.addAll(payloads(second.items()));
        all.addAll(payloads(third.items()));
        assertThat(all).hasSize(26).isSorted();
        assertThat(h.push(item(26, null))).isTrue();
        assertThat(dropped.get()).isZero();
    }
}

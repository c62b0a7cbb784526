package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import io.rung.config.BridgeConfig;
import io.rung.config.DataSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload with the link up: publishers far faster than the bridge's thread (here: that thread blocked). The
 * {@code buffer} bounds hold for what waits to reach the queue too: at most {@code maxMessages} wait, the oldest are
 * dropped and counted at once, and the newest arrive in order once the bridge catches up.
 */
class BridgeHandoffIT {
    private static final int MAX = 100;
    private static final int PUBLISHED = 10_000;
    private static final String TOPIC = "building-b/line-1/count";

    @TempDir
    Path tmp;

    @Test
    void publishingFarMoreThanTheBufferWhileTheBridgeThreadIsBusyDropsTheOldestAtOnce() throws Exception {
        try (RemoteMosquitto remote = RemoteMosquitto.start(
                        tmp.resolve("remote"), List.of("allow_anonymous true", "max_queued_messages 0"));
                HiveMq5Client cloud = new HiveMq5Client(remote.port(), "cloud-app");
                LocalRung rung = LocalRung.start(
                        tmp.resolve("rung"),
                        TestBridge.to(remote)
                                .buffer(MAX, DataSize.ofGiB(1))
                                .out(new BridgeConfig.Rule("building-b/#", "site-1/", 0))
                                .build())) {
            cloud.connect();
            cloud.subscribe("site-1/building-b/#", 0);
            rung.awaitConnected();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            rung.bridge().execute(() -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

            LocalClient plc = rung.local("plc");
            for (int i = 0; i < PUBLISHED; i++) {
                plc.publish(Message.of(
                        TOPIC,
                        String.format(Locale.ROOT, "%05d", i).getBytes(StandardCharsets.UTF_8),
                        0,
                        false,
                        Origin.broker()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> rung.status().dropped() == PUBLISHED - MAX);
            assertThat(rung.status().queued()).isEqualTo(MAX);
            release.countDown();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> cloud.messages().size() >= MAX && rung.status().queued() == 0);
            assertThat(cloud.messages())
                    .extracting(Received::text)
                    .containsExactlyElementsOf(IntStream.range(PUBLISHED - MAX, PUBLISHED)
                            .mapToObj(i -> String.format(Locale.ROOT, "%05d", i))
                            .toList());
            assertThat(rung.status().dropped()).isEqualTo(PUBLISHED - MAX);
        }
    }
}

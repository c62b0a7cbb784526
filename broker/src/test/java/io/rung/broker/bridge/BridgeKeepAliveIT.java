package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import io.rung.config.BridgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that only sends QoS 0 messages, without a pause, for three keep-alive periods: the bridge writes all the
 * time and mosquitto never has a reason to answer, yet the link must stay up (the bridge asks with PINGREQ when it
 * has read nothing for a keep-alive [MQTT-3.1.2-24]) and every message must arrive.
 */
class BridgeKeepAliveIT {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    private static final int MESSAGES = 1200; // one every 5 ms: 6 s, three keep-alive periods
    private static final String TOPIC = "building-b/line-1/count";

    @TempDir
    Path tmp;

    @Test
    void qos0OnlyLinkSendingWithoutPauseIsNotDroppedByTheKeepAlive() throws Exception {
        try (RemoteMosquitto remote = RemoteMosquitto.start(
                        tmp.resolve("remote"), List.of("allow_anonymous true", "max_queued_messages 0"));
                HiveMq5Client cloud = new HiveMq5Client(remote.port(), "cloud-app");
                LogCapture log = LogCapture.bridge();
                LocalRung rung = LocalRung.start(
                        tmp.resolve("rung"),
                        TestBridge.to(remote)
                                .keepAlive(KEEP_ALIVE)
                                .out(new BridgeConfig.Rule("building-b/#", "site-1/", 0))
                                .build())) {
            cloud.connect();
            cloud.subscribe("site-1/building-b/#", 0);
            rung.awaitConnected();
            HiveMq5Client plc = rung.client("plc");
            AtomicInteger published = new AtomicInteger();
            AtomicBoolean leftConnected = new AtomicBoolean();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            try {
                clock.scheduleAtFixedRate(
                        () -> {
                            int n = published.get();
                            if (n >= MESSAGES) return;
                            plc.publish(TOPIC, String.valueOf(n), 0, false);
                            published.incrementAndGet();
                            if (!rung.status().connected()) leftConnected.set(true);
                        },
                        0,
                        5,
                        TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> published.get() >= MESSAGES);
            } finally {
                clock.shutdownNow();
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> cloud.messages().size() >= MESSAGES);
            assertThat(cloud.messages())
                    .extracting(Received::text)
                    .containsExactlyElementsOf(IntStream.range(0, MESSAGES)
                            .mapToObj(String::valueOf)
                            .toList());
            assertThat(leftConnected).isFalse();
            assertThat(rung.status().dropped()).isZero();
            assertThat(log.count("lost connection")).isZero();
            assertThat(remote.lines())
                    .filteredOn(l -> l.contains("New client connected") && l.contains("rung-test-cloud"))
                    .hasSize(1);
        }
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.auth.Acl;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance "overflow": a buffer of N messages and an outage of 2N messages: exactly the oldest N are dropped,
 * counted and logged; the newest N arrive in order. Once bounded by {@code maxMessages}, once by {@code maxBytes}.
 */
class BridgeOverflowIT {
    private static final String CLOUD_FILTER = "site-1/building-b/#";
    private static final int N = 500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "building-b/line-1/count";
    /** What one message counts against {@code maxBytes}: remote topic and a five-digit payload. */
    private static final long MESSAGE_BYTES = ("site-1/" + TOPIC).length() + 5;

    /** Which bound holds the queue to N messages. */
    enum Bound {
        MAX_MESSAGES,
        MAX_BYTES
    }

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;
    private final CloudApps cloud = new CloudApps();

    @BeforeEach
    void startRemote() {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), List.of("allow_anonymous true", "max_queued_messages 0"));
        cloud.connect(remote.port(), CLOUD_FILTER);
    }

    @AfterEach
    void stopRemote() {
        cloud.close();
        remote.close();
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%05d", n);
    }

    @ParameterizedTest
    @EnumSource(Bound.class)
    void anOutageOfTwiceTheBufferDropsExactlyTheOldestHalf(Bound bound) throws Exception {
        TestBridge bridge = TestBridge.to(remote);
        if (bound == Bound.MAX_MESSAGES) bridge.buffer(N, DataSize.ofGiB(1));
        else bridge.buffer(1_000_000, DataSize.ofBytes(N * MESSAGE_BYTES));
        try (LogCapture log = LogCapture.bridge();
                LocalRung rung =
                        LocalRung.start(tmp.resolve("rung"), Acl.allowAll(), Duration.ofSeconds(1), bridge.build())) {
            rung.awaitConnected();
            HiveMq5Client sys = rung.client("sys-watcher");
            sys.subscribe("$SYS/broker/bridges/cloud/dropped", 0);
            HiveMq5Client plc = rung.client("plc");

            remote.stop();
            await().atMost(WAIT).until(() -> !rung.status().connected());
            for (int n = 1; n <= 2 * N; n++) plc.publish(TOPIC, number(n), 1);
            assertThat(rung.status().queued()).isEqualTo(N);
            assertThat(rung.status().dropped()).isEqualTo(N);

            remote.start();
            cloud.connect(remote.port(), CLOUD_FILTER);
            rung.awaitConnected(WAIT);
            await().atMost(WAIT)
                    .until(() -> rung.status().queued() == 0
                            && cloud.texts("site-1/" + TOPIC).size() >= N);

            List<String> expected = new ArrayList<>();
            for (int n = N + 1; n <= 2 * N; n++) expected.add(number(n));
            assertThat(cloud.texts("site-1/" + TOPIC).stream().distinct().toList())
                    .isEqualTo(expected);
            assertThat(rung.status().dropped()).isEqualTo(N);
            assertThat(sys.awaitMessage(String.valueOf(N)).topic()).isEqualTo("$SYS/broker/bridges/cloud/dropped");
            assertThat(log.lines())
                    .filteredOn(l -> l.startsWith("Bridge cloud queue is full"))
                    .singleElement()
                    .asString()
                    .contains("dropped the 1 oldest");
        }
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN "Publishing": while a bridge's remote is unreachable, heartbeats (value and quality unchanged, published
 * with {@link LocalClient#publishRepeat}) are not queued for it; changes are. While it is connected, both go out.
 */
class BridgeHeartbeatIT {
    private static final String CLOUD_FILTER = "site-1/building-b/#";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "building-b/line-1/speed";

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;
    private final CloudApps cloud = new CloudApps();

    @BeforeEach
    void startRemote() {
        remote = RemoteMosquitto.start(tmp.resolve("remote"));
        cloud.connect(remote.port(), CLOUD_FILTER);
    }

    @AfterEach
    void stopRemote() {
        cloud.close();
        remote.close();
    }

    private static Message value(String text) {
        return Message.of(TOPIC, text.getBytes(StandardCharsets.UTF_8), 1, false, Origin.broker());
    }

    @Test
    void heartbeatsAreNotQueuedWhileTheRemoteIsDownButChangesAre() throws Exception {
        try (LocalRung rung =
                LocalRung.start(tmp.resolve("rung"), TestBridge.to(remote).build())) {
            rung.awaitConnected();
            LocalClient gateway = rung.local("$gateway");
            gateway.publish(value("1")).join();
            gateway.publishRepeat(value("1")).join(); // connected: a heartbeat goes out like any message
            await().atMost(WAIT).until(() -> cloud.texts("site-1/" + TOPIC).size() == 2);

            remote.stop();
            await().atMost(WAIT).until(() -> !rung.status().connected());
            for (int i = 0; i < 5; i++) gateway.publishRepeat(value("1")).join();
            gateway.publish(value("2")).join();
            for (int i = 0; i < 5; i++) gateway.publishRepeat(value("2")).join();
            gateway.publish(value("3")).join();
            await().atMost(WAIT).until(() -> rung.status().skippedHeartbeats() == 10);
            await().atMost(WAIT).until(() -> rung.status().queued() == 2);
            assertThat(rung.status().sysValues()).containsEntry("$SYS/broker/bridges/cloud/skipped", "10");

            remote.start();
            cloud.connect(remote.port(), CLOUD_FILTER);
            rung.awaitConnected(Duration.ofSeconds(30));
            await().atMost(WAIT)
                    .until(() -> rung.status().queued() == 0
                            && cloud.texts("site-1/" + TOPIC).size() >= 4);
            assertThat(cloud.texts("site-1/" + TOPIC)).containsExactly("1", "1", "2", "3");
        }
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN "Publishing": while a bridge's remote is unreachable, heartbeats (value and quality unchanged, published
 * with {@link LocalClient#publishRepeat}) are not queued for it; changes are. While it is connected, both go out.
 */
class BridgeHeartbeatIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "building-b/line-1/speed";

    @TempDir Path tmp;
    private RemoteMosquitto remote;
    private final List<HiveMq5Client> cloudApps = new ArrayList<>();

    @BeforeEach
    void startRemote() {
        remote = RemoteMosquitto.start(tmp.resolve("remote"));
        connectCloudApp();
    }

    @AfterEach
    void stopRemote() {
        cloudApps.forEach(HiveMq5Client::close);
        remote.close();
    }

    private void connectCloudApp() {
        HiveMq5Client app = new HiveMq5Client(remote.port(), "cloud-app");
        cloudApps.add(app);
        app.connect(ClientOptions.persistent());
        app.subscribe("site-1/building-b/#", 1);
    }

    private List<String> receivedByCloud() {
        List<String> texts = new ArrayList<>();
        for (HiveMq5Client c : cloudApps) {
            for (Received r : c.messages()) if (r.topic().equals("site-1/" + TOPIC)) texts.add(r.text());
        }
        return texts;
    }

    private static Message value(String text) {
        return Message.of(TOPIC, text.getBytes(StandardCharsets.UTF_8), 1, false, Origin.broker());
    }

    @Test
    void heartbeatsAreNotQueuedWhileTheRemoteIsDownButChangesAre() throws Exception {
        try (LocalRung rung = LocalRung.start(tmp.resolve("rung"), TestBridge.to(remote).build())) {
            rung.awaitConnected();
            LocalClient gateway = rung.local("$gateway");
            gateway.publish(value("1")).join();
            gateway.publishRepeat(value("1")).join(); // connected: a heartbeat goes out like any message
            await().atMost(WAIT).until(() -> receivedByCloud().size() == 2);

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
            connectCloudApp();
            rung.awaitConnected(Duration.ofSeconds(30));
            await().atMost(WAIT).until(() -> rung.status().queued() == 0 && receivedByCloud().size() >= 4);
            assertThat(receivedByCloud()).containsExactly("1", "1", "2", "3");
        }
    }
}

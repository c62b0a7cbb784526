package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.HiveMq5Client;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store and forward, as the acceptance test says: a numbered QoS 1 stream on several topics is published to Rung
 * while mosquitto is stopped for 30 s and started again on the same port; the subscriber on mosquitto receives
 * every number, in order per topic. Once with Rung running throughout, once with Rung killed (SIGKILL) and started
 * again during the outage.
 */
class BridgeOutageIT {
    private static final String CLOUD_FILTER = "site-1/building-b/#";
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The bridge may be in a back-off of up to ~38 s (32 s + 20 %) when mosquitto comes back. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final int PER_SECOND = 60;
    private static final String PREFIX = "site-1/";

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;
    private final CloudApps cloud = new CloudApps();
    private final NumberedStream stream = new NumberedStream(
            List.of("building-b/line-1/count", "building-b/line-2/count", "building-b/line-3/count"));

    @BeforeEach
    void startRemote() {
        // no limit on what mosquitto holds for the cloud app while it reconnects after the restart
        remote = RemoteMosquitto.start(tmp.resolve("remote"), List.of("allow_anonymous true", "max_queued_messages 0"));
        cloud.connect(remote.port(), CLOUD_FILTER);
    }

    @AfterEach
    void stopRemote() {
        cloud.close();
        remote.close();
    }

    private void awaitEveryNumberAtTheCloud() {
        await().atMost(WAIT).until(() -> stream.complete(cloud.received(), PREFIX));
        stream.assertCompleteAndInOrder(cloud.received(), PREFIX);
    }

    @Test
    void streamPublishedDuringA30sOutageArrivesCompleteAndInOrder() throws Exception {
        try (LocalRung rung =
                LocalRung.start(tmp.resolve("rung"), TestBridge.to(remote).build())) {
            rung.awaitConnected();
            HiveMq5Client plc = rung.client("plc");
            stream.publish(plc, 30);

            remote.stop();
            long back = System.nanoTime() + OUTAGE.toNanos();
            await().atMost(WAIT).until(() -> !rung.status().connected());
            stream.publishUntil(plc, back, PER_SECOND); // every PUBACK means: on the bridge's disk
            int duringOutage = stream.published() - 30;
            assertThat(rung.status().queued()).isGreaterThanOrEqualTo(duringOutage);

            remote.start();
            cloud.connect(remote.port(), CLOUD_FILTER);
            rung.awaitConnected(WAIT);
            stream.publish(plc, 30);

            awaitEveryNumberAtTheCloud();
            await().atMost(WAIT).until(() -> rung.status().queued() == 0);
            assertThat(rung.status().sent()).isGreaterThanOrEqualTo(stream.published());
            assertThat(rung.status().dropped()).isZero();
        }
    }

    @Test
    void streamSurvivesSigkillOfRungDuringA30sOutage() throws Exception {
        Path data = tmp.resolve("rung");
        HiveMq5Client statusWatcher;
        long back;
        try (RungChild first = RungChild.start(data, remote.port())) {
            HiveMq5Client plc = new HiveMq5Client(first.port(), "plc");
            plc.connect();
            stream.publish(plc, 30);
            await().atMost(WAIT).until(() -> stream.complete(cloud.received(), PREFIX));

            remote.stop();
            back = System.nanoTime() + OUTAGE.toNanos();
            stream.publishUntil(plc, back - OUTAGE.toNanos() / 2, PER_SECOND); // acknowledged while it is down
            plc.close();
            first.kill();
        }
        try (RungChild second = RungChild.start(data, remote.port())) {
            HiveMq5Client plc = new HiveMq5Client(second.port(), "plc");
            plc.connect();
            stream.publishUntil(plc, back, PER_SECOND); // still down: joins the queue behind the restored messages
            plc.close();

            remote.start();
            cloud.connect(remote.port(), CLOUD_FILTER);
            awaitEveryNumberAtTheCloud();

            statusWatcher = new HiveMq5Client(remote.port(), "status-watcher");
            cloud.add(statusWatcher);
            statusWatcher.connect();
            statusWatcher.subscribe(TestBridge.STATUS_TOPIC, 1);
            statusWatcher.awaitMessages(1);
            assertThat(statusWatcher.messages().get(0).text()).startsWith("{\"state\":\"online\"");
            second.kill();
        }
        // the link died without DISCONNECT: mosquitto publishes the bridge's will
        assertThat(statusWatcher.awaitMessage("{\"state\":\"offline\"}").retain())
                .isFalse();
    }
}

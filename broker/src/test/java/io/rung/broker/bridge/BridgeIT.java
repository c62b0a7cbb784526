package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.auth.Acl;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.config.BridgeConfig;
import io.rung.config.BridgeConfig.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Forwarding both ways through a bridge to a real mosquitto, over MQTT 5 and 3.1.1. */
class BridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;
    private final CloudApps remoteClients = new CloudApps();

    @BeforeEach
    void startRemote() {
        remote = RemoteMosquitto.start(tmp.resolve("remote"));
    }

    @AfterEach
    void stopRemote() {
        remoteClients.close();
        remote.close();
    }

    private HiveMq5Client remoteClient(String id) {
        return remoteClients.client(remote.port(), id);
    }

    private static List<Received> on(TestClient c, String topicPrefix) {
        return c.messages().stream()
                .filter(m -> m.topic().startsWith(topicPrefix))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void outRuleForwardsWithPrefixAtTheHigherOfRuleAndMessageQos(Protocol protocol) throws Exception {
        HiveMq5Client cloud = remoteClient("cloud-sub");
        cloud.subscribe("site-1/#", 2);
        try (LocalRung rung = LocalRung.start(
                tmp.resolve("rung"), TestBridge.to(remote).protocol(protocol).build())) {
            rung.awaitConnected();
            TestClient plc = rung.client("publisher");
            plc.publish("elsewhere/x", "not forwarded", 1);
            plc.publish("building-b/floor-5/temp", "q0", 0);
            plc.publish("building-b/floor-5/temp", "q1", 1);
            plc.publish("building-b/floor-5/temp", "q2", 2);

            await().atMost(WAIT).until(() -> on(cloud, "site-1/building-b/").size() == 3);
            List<Received> got = on(cloud, "site-1/building-b/");
            assertThat(got).extracting(Received::topic).containsOnly("site-1/building-b/floor-5/temp");
            assertThat(got).extracting(Received::text).containsExactly("q0", "q1", "q2");
            assertThat(got).extracting(Received::qos).containsExactly(1, 1, 2); // max(rule qos 1, message qos)
            assertThat(cloud.messages()).noneMatch(m -> m.text().equals("not forwarded"));
            await().atMost(WAIT)
                    .until(() -> rung.status().sent() >= 3 && rung.status().queued() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void retainedMessageIsForwardedRetained(Protocol protocol) throws Exception {
        try (LocalRung rung = LocalRung.start(
                tmp.resolve("rung"), TestBridge.to(remote).protocol(protocol).build())) {
            rung.awaitConnected();
            rung.client("publisher").publish("building-b/tank/level", "42", 1, true);
            await().atMost(WAIT)
                    .until(() -> rung.status().sent() >= 1 && rung.status().queued() == 0);

            HiveMq5Client late = remoteClient("late-sub");
            late.subscribe("site-1/building-b/#", 1);
            Received r = late.awaitMessage("42");
            assertThat(r.topic()).isEqualTo("site-1/building-b/tank/level");
            assertThat(r.retain()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void inRuleRepublishesLocallyWithStripRemovedOncePerMessage(Protocol protocol) throws Exception {
        var bridge = TestBridge.to(remote)
                .protocol(protocol)
                .in(new BridgeConfig.Rule("site-1/building-b/+/+/+/set", "site-1/", 2))
                .build();
        try (LocalRung rung = LocalRung.start(tmp.resolve("rung"), bridge)) {
            TestClient local = rung.client("hmi");
            local.subscribe("building-b/#", 2);
            rung.awaitConnected();
            remote.awaitLog("rung-test-cloud", "site-1/building-b/+/+/+/set");

            HiveMq5Client phone = remoteClient("phone");
            phone.publish("site-1/building-b/floor-5/pump-1/speed/set", "1200", 1);
            phone.publish("site-1/building-b/floor-5/pump-1/speed/set", "1300", 2);
            phone.publish("site-1/elsewhere/a/b/set", "ignored", 1);

            await().atMost(WAIT).until(() -> local.messages().size() >= 2);
            assertThat(local.messages())
                    .extracting(Received::topic)
                    .containsOnly("building-b/floor-5/pump-1/speed/set");
            assertThat(local.messages()).extracting(Received::text).containsExactly("1200", "1300");
            assertThat(local.messages()).extracting(Received::qos).containsExactly(1, 2);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> local.messages().size() == 2);
            assertThat(rung.status().received()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void statusIsOnlineWhileConnectedAndOfflineAfterACleanClose(Protocol protocol) throws Exception {
        HiveMq5Client watcher = remoteClient("watcher");
        watcher.subscribe(TestBridge.STATUS_TOPIC, 1);
        try (LocalRung rung = LocalRung.start(
                tmp.resolve("rung"), TestBridge.to(remote).protocol(protocol).build())) {
            rung.awaitConnected();
            await().atMost(WAIT).until(() -> watcher.messages().size() == 1);
            assertThat(watcher.messages().get(0).text()).matches("\\{\"state\":\"online\",\"ts\":\\d{13}}");
        }
        await().atMost(WAIT).until(() -> watcher.messages().size() == 2);
        assertThat(watcher.messages().get(1).text()).matches("\\{\"state\":\"offline\",\"ts\":\\d{13}}");
        remote.awaitLog("rung-test-cloud", "disconnected");

        HiveMq5Client late = remoteClient("late-watcher");
        late.subscribe(TestBridge.STATUS_TOPIC, 1);
        Received retained = late.awaitMessages(1).get(0);
        assertThat(retained.retain()).isTrue();
        assertThat(retained.text()).startsWith("{\"state\":\"offline\"");
    }

    @Test
    void sysTopicsShowTheBridgeState() throws Exception {
        try (LocalRung rung = LocalRung.start(
                tmp.resolve("rung"),
                Acl.allowAll(),
                Duration.ofSeconds(1),
                TestBridge.to(remote).build())) {
            rung.awaitConnected();
            TestClient admin = rung.client("admin");
            admin.subscribe("$SYS/broker/bridges/cloud/#", 0);
            await().atMost(WAIT)
                    .until(() -> admin.messages().stream()
                            .anyMatch(m -> m.topic().equals("$SYS/broker/bridges/cloud/connected")
                                    && m.text().equals("1")));
            assertThat(admin.messages())
                    .anyMatch(m -> m.topic().equals("$SYS/broker/bridges/cloud/state")
                            && m.text().equals("connected"));
            assertThat(admin.messages())
                    .extracting(Received::topic)
                    .contains(
                            "$SYS/broker/bridges/cloud/queued",
                            "$SYS/broker/bridges/cloud/sent",
                            "$SYS/broker/bridges/cloud/dropped");
        }
    }
}

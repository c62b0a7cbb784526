package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.auth.RuleAcl;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.config.AclRuleConfig;
import io.rung.config.BridgeConfig;
import io.rung.config.BridgeConfig.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A remote that says no: user {@code bridge} (password file made with {@code mosquitto_passwd}) may write under
 * {@code site-1/building-b/} and {@code site-1/gateway/} and read the commands there, nothing else.
 */
class BridgeRefusalIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;
    private HiveMq5Client watcher;

    @BeforeEach
    void startRemote() throws Exception {
        Path dir = tmp.resolve("remote");
        Files.createDirectories(dir);
        Path passwd = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwd.toString(), "bridge", "s3cret")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        Path acl = dir.resolve("acl");
        Files.write(
                acl,
                List.of(
                        "topic readwrite #", // anonymous watchers
                        "user bridge",
                        "topic readwrite site-1/building-b/#",
                        "topic write site-1/gateway/#"));
        remote = RemoteMosquitto.start(
                dir, List.of("allow_anonymous true", "password_file " + passwd, "acl_file " + acl));
        watcher = new HiveMq5Client(remote.port(), "watcher");
        watcher.connect();
        watcher.subscribe("site-1/#", 1);
    }

    @AfterEach
    void stopRemote() {
        watcher.close();
        remote.close();
    }

    private TestBridge bridge() {
        return TestBridge.to(remote).login("bridge", "s3cret");
    }

    @Test
    void refusedMessageIsDroppedCountedAndLoggedOncePerTopic() throws Exception {
        var config = bridge().out(
                        new BridgeConfig.Rule("building-b/#", "site-1/", 1),
                        new BridgeConfig.Rule("vault/#", "site-1/", 1))
                .build();
        try (LogCapture log = LogCapture.bridge();
                LocalRung rung = LocalRung.start(tmp.resolve("rung"), config)) {
            rung.awaitConnected();
            TestClient local = rung.client("publisher");
            local.publish("vault/door", "open", 1);
            local.publish("vault/door", "open again", 1);
            local.publish("building-b/floor-5/temp", "21.5", 1);

            watcher.awaitMessage("21.5");
            await().atMost(WAIT)
                    .until(() -> rung.status().dropped() == 2 && rung.status().queued() == 0);
            assertThat(watcher.messages()).noneMatch(m -> m.topic().startsWith("site-1/vault/"));
            assertThat(log.count("'site-1/vault/door'")).isEqualTo(1);
            assertThat(log.lines())
                    .contains("Bridge cloud dropped a message for 'site-1/vault/door': "
                            + "the remote refused it: not authorised (0x87).");
            assertThat(rung.status().sent()).isEqualTo(1);
        }
    }

    /** mosquitto's acl_file does not refuse subscriptions, Rung's ACL does: here the remote is a second Rung. */
    @ParameterizedTest
    @EnumSource(Protocol.class)
    void refusedSubscriptionIsLoggedAndTheOthersWork(Protocol protocol) throws Exception {
        var rules = List.of(
                new AclRuleConfig("*", "site-1/secret/#", AclRuleConfig.Access.DENY),
                new AclRuleConfig("*", "#", AclRuleConfig.Access.READWRITE));
        try (LocalRung cloud = LocalRung.start(tmp.resolve("cloud"), new RuleAcl(rules), Duration.ZERO)) {
            var config = TestBridge.to("mqtt://127.0.0.1:" + cloud.port())
                    .protocol(protocol)
                    .in(
                            new BridgeConfig.Rule("site-1/secret/#", "site-1/", 1),
                            new BridgeConfig.Rule("site-1/building-b/+/+/+/set", "site-1/", 1))
                    .build();
            try (LogCapture log = LogCapture.bridge();
                    LocalRung rung = LocalRung.start(tmp.resolve("rung"), config)) {
                TestClient local = rung.client("gateway-commands");
                local.subscribe("#", 1);
                rung.awaitConnected();
                await().atMost(WAIT).until(() -> log.count("refused the subscription to 'site-1/secret/#'") == 1);
                assertThat(log.lines())
                        .contains("Bridge cloud: the remote refused the subscription to "
                                + "'site-1/secret/#': "
                                + (protocol == Protocol.MQTT_5 ? "not authorised (0x87)" : "failure (0x80)")
                                + "; nothing arrives for it.");

                TestClient phone = cloud.client("phone");
                await().atMost(WAIT).until(() -> {
                    phone.publish("site-1/building-b/floor-5/pump-1/speed/set", "1200", 1);
                    return local.count("1200") > 0; // the SUBACK may still be on its way: publish until it arrives
                });
                assertThat(log.count("refused the subscription")).isEqualTo(1);
            }
        }
    }

    /** What comes in is published locally as user bridge:cloud, so the local ACL decides. */
    @Test
    void inMessageTheLocalAclRefusesIsDroppedAndLoggedOnce() throws Exception {
        var rules = List.of(
                new AclRuleConfig("bridge:cloud", "building-b/+/+/+/set", AclRuleConfig.Access.WRITE),
                new AclRuleConfig("bridge:cloud", "#", AclRuleConfig.Access.READ),
                new AclRuleConfig("bridge:cloud", "plant/#", AclRuleConfig.Access.DENY),
                new AclRuleConfig("*", "#", AclRuleConfig.Access.READWRITE));
        var config = TestBridge.to(remote)
                .in(new BridgeConfig.Rule("site-1/#", "site-1/", 1))
                .build(); // anonymous: reads all
        try (LogCapture log = LogCapture.bridge();
                LocalRung rung = LocalRung.start(tmp.resolve("rung"), new RuleAcl(rules), Duration.ZERO, config)) {
            TestClient local = rung.client("everything");
            local.subscribe("#", 1);
            rung.awaitConnected();
            remote.awaitLog("rung-test-cloud", "site-1/#");

            watcher.publish("site-1/plant/valve/set", "open", 1);
            watcher.publish("site-1/plant/valve/set", "close", 1);
            watcher.publish("site-1/building-b/floor-5/pump-1/speed/set", "1200", 1);
            local.awaitMessage("1200");
            await().atMost(WAIT).until(rung::status, s -> s.dropped() == 2);
            assertThat(local.messages())
                    .extracting(Received::topic)
                    .containsExactly("building-b/floor-5/pump-1/speed/set");
            assertThat(log.lines())
                    .containsOnlyOnce("Bridge cloud cannot publish locally to 'plant/valve/set': "
                            + "not authorised to publish to 'plant/valve/set'; message dropped.");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void wrongPasswordIsLoggedOnceAndRetriedWithBackoff(Protocol protocol) throws Exception {
        var config = TestBridge.to(remote)
                .login("bridge", "wrong")
                .protocol(protocol)
                .build();
        try (LogCapture log = LogCapture.bridge();
                LocalRung rung = LocalRung.start(tmp.resolve("rung"), config)) {
            await().atMost(WAIT).until(() -> rung.status().lastError().isPresent());
            assertThat(rung.status().lastError().get())
                    .startsWith("refused: ")
                    .containsAnyOf("not authorised", "bad user name or password");
            assertThat(rung.status().connected()).isFalse();
            // a second attempt after the 1 s back-off fails the same way: still one line for operators
            await().atMost(WAIT)
                    .until(() -> remote.lines().stream()
                                    .filter(l -> l.contains("New connection from"))
                                    .count()
                            >= 3); // probe + two attempts
            assertThat(log.count("Bridge cloud cannot connect to mqtt://127.0.0.1:" + remote.port() + ": refused: "))
                    .isEqualTo(1);
            assertThat(String.join("\n", log.lines())).doesNotContain("wrong");
        }
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.TestClient;
import io.rung.config.BridgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loops: a command travels once and runs once, whichever side sent it. The {@code out} rule {@code building-b/#}
 * also covers the local topics of the {@code in} rule, so without loop protection every command would bounce
 * between the brokers.
 */
class BridgeLoopIT {
    private static final String REMOTE_SET = "site-1/building-b/floor-5/pump-1/speed/set";
    private static final String LOCAL_SET = "building-b/floor-5/pump-1/speed/set";
    private static final Duration QUIET = Duration.ofSeconds(1);

    /** How the bridge keeps a loop from forming. */
    enum Guard {
        /** MQTT 5 No Local on the remote subscription. */
        MQTT5_NO_LOCAL(BridgeConfig.Protocol.MQTT_5, true),
        /** MQTT 3.1.1 with the bridge flag (protocol level 0x84): mosquitto does not echo. */
        MQTT311_BRIDGE_FLAG(BridgeConfig.Protocol.MQTT_3_1_1, true),
        /** MQTT 3.1.1 as a plain client: the bridge drops the echo itself (same topic and payload within 10 s). */
        MQTT311_ECHO_FILTER(BridgeConfig.Protocol.MQTT_3_1_1, false);

        final BridgeConfig.Protocol protocol;
        final boolean tryPrivate;

        Guard(BridgeConfig.Protocol protocol, boolean tryPrivate) {
            this.protocol = protocol;
            this.tryPrivate = tryPrivate;
        }
    }

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

    private LocalRung start(Guard guard) throws Exception {
        LocalRung rung = LocalRung.start(
                tmp.resolve("rung"),
                TestBridge.to(remote)
                        .protocol(guard.protocol)
                        .tryPrivate(guard.tryPrivate)
                        .build());
        rung.awaitConnected();
        remote.awaitLog("rung-test-cloud", "site-1/building-b/+/+/+/set");
        return rung;
    }

    @ParameterizedTest
    @EnumSource(Guard.class)
    void commandFromTheRemoteRunsOnceAndIsNotSentBack(Guard guard) throws Exception {
        try (LocalRung rung = start(guard)) {
            TestClient plc = rung.client("gateway-commands");
            plc.subscribe("building-b/+/+/+/set", 1);
            HiveMq5Client watcher = remoteClient("watcher");
            watcher.subscribe("site-1/#", 1);

            remoteClient("phone").publish(REMOTE_SET, "1200", 1);

            plc.awaitMessage("1200");
            watcher.awaitMessage("1200");
            await().during(QUIET)
                    .atMost(QUIET.multipliedBy(3))
                    .until(() -> plc.count("1200") == 1 && watcher.count("1200") == 1);
            assertThat(plc.messages().get(0).topic()).isEqualTo(LOCAL_SET);
            assertThat(rung.status().sent()).isZero(); // only the status went out, never the command
        }
    }

    @ParameterizedTest
    @EnumSource(Guard.class)
    void localCommandIsForwardedOnceAndItsEchoDoesNotComeBack(Guard guard) throws Exception {
        try (LocalRung rung = start(guard)) {
            TestClient plc = rung.client("gateway-commands");
            plc.subscribe("building-b/+/+/+/set", 1);
            HiveMq5Client watcher = remoteClient("watcher");
            watcher.subscribe("site-1/#", 1);

            rung.client("hmi").publish(LOCAL_SET, "900", 1);

            plc.awaitMessage("900");
            watcher.awaitMessage("900");
            await().during(QUIET)
                    .atMost(QUIET.multipliedBy(3))
                    .until(() -> plc.count("900") == 1 && watcher.count("900") == 1);
            assertThat(rung.status().received()).isEqualTo(guard == Guard.MQTT311_ECHO_FILTER ? 1 : 0);
        }
    }

    @Test
    void bridgeFlagMakesMosquittoTreatTheConnectionAsABridge() throws Exception {
        try (LocalRung rung = start(Guard.MQTT311_BRIDGE_FLAG)) {
            remote.awaitLog("New bridge connected", "as rung-test-cloud");
            assertThat(rung.status().connected()).isTrue();
        }
    }
}

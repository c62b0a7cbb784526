package io.rung.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import io.rung.broker.store.StoreFactory;
import io.rung.broker.store.StoredWill;
import io.rung.broker.store.mvstore.MvBrokerStore;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import io.rung.config.PersistenceConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker with its MVStore stopped and started again in this JVM: what is restored, and when. */
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Broker start() throws Exception {
        BrokerConfig config = BrokerConfig.defaults(dir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withPersistence(new PersistenceConfig(dir, Fsync.BATCH))
                .withSysInterval(Duration.ZERO);
        return Broker.start(config, BrokerOptions.defaults().withStore(StoreFactory.mvStore()));
    }

    private static int port(Broker broker) {
        return broker.listeners().get(0).address().getPort();
    }

    @Test
    void sessionExpiryCountsTheTimeTheBrokerWasDown() throws Exception {
        long disconnectedAt;
        try (Broker broker = start()) {
            TestClient shortLived = new HiveMq5Client(port(broker), "short-lived");
            shortLived.connect(ClientOptions.persistent().withSessionExpiry(1));
            shortLived.disconnect();
            TestClient longLived = new HiveMq5Client(port(broker), "long-lived");
            longLived.connect(ClientOptions.persistent().withSessionExpiry(3600));
            longLived.disconnect();
            disconnectedAt = System.currentTimeMillis();
        }
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > disconnectedAt + 1500); // broker is down
        try (Broker broker = start()) {
            TestClient shortLived = new HiveMq5Client(port(broker), "short-lived");
            assertThat(shortLived.connect(ClientOptions.persistent().withSessionExpiry(1)))
                    .isFalse();
            shortLived.close();
            TestClient longLived = new HiveMq5Client(port(broker), "long-lived");
            assertThat(longLived.connect(ClientOptions.persistent().withSessionExpiry(3600)))
                    .isTrue();
            longLived.close();
        }
    }

    @Test
    void retainedMessagesOfTheGatewayAreKeptInMemoryOnly() throws Exception {
        try (Broker broker = start()) {
            LocalClient gateway = broker.connectLocal(Identity.trusted("$gateway"));
            gateway.publish(Message.of("plant/temp", bytes("21.5"), 1, true, Origin.of(Identity.trusted("$gateway"))))
                    .join();
            TestClient client = new HiveMq5Client(port(broker), "operator");
            client.connect();
            client.publish("plant/mode", "auto", 1, true);
            client.close();
            gateway.close();
        }
        try (Broker broker = start()) {
            TestClient sub = new HiveMq5Client(port(broker), "viewer");
            sub.connect();
            sub.subscribe("plant/#", 1); // retained messages are sent right after SUBACK, before anything routed later
            sub.publish("plant/end", "end", 1);
            sub.awaitMessage("end");
            assertThat(sub.messages())
                    .extracting(Received::topic)
                    .contains("plant/mode")
                    .doesNotContain("plant/temp");
            sub.close();
        }
    }

    @Test
    void aPendingWillOfARestoredSessionIsPublishedWhenDue() throws Exception {
        try (Broker broker = start()) {
            TestClient watcher = new HiveMq5Client(port(broker), "watcher");
            watcher.connect(ClientOptions.persistent().withSessionExpiry(3600));
            watcher.subscribe("status/#", 1);
            watcher.disconnect();
            try (RawClient device = RawClient.open(port(broker))) {
                device.connect(RawConnect.of(Protocol.V5, "device")
                        .cleanStart(false)
                        .props(Props.of().u32(Props.SESSION_EXPIRY, 3600))
                        .will(
                                "status/device",
                                Wire.bytes("offline"),
                                1,
                                false,
                                Props.of().u32(Props.WILL_DELAY, 2)));
                device.kill(); // abnormal: the will waits 2 s
            }
            await().atMost(WAIT).until(() -> broker.stats().clientsConnected() == 0); // the will is pending
        }
        try (Broker broker = start()) {
            TestClient watcher = new HiveMq5Client(port(broker), "watcher");
            assertThat(watcher.connect(ClientOptions.persistent().withSessionExpiry(3600)))
                    .isTrue();
            assertThat(watcher.awaitMessage("offline").topic()).isEqualTo("status/device");
            watcher.close();
        }
    }

    @Test
    void aStoredWillWhoseSessionIsGoneIsPublishedAtStart() throws Exception {
        try (Broker broker = start()) {
            TestClient watcher = new HiveMq5Client(port(broker), "watcher");
            watcher.connect(ClientOptions.persistent().withSessionExpiry(3600));
            watcher.subscribe("status/#", 1);
            watcher.disconnect();
        }
        try (MvBrokerStore store = MvBrokerStore.open(dir.resolve(MvBrokerStore.FILE_NAME), Fsync.BATCH)) {
            Message will = Message.of("status/ghost", bytes("gone"), 1, false, new Origin("ghost", Optional.empty()));
            store.wills()
                    .put(new StoredWill("ghost", will, System.currentTimeMillis() + 600_000))
                    .join();
        }
        try (Broker broker = start()) {
            TestClient watcher = new HiveMq5Client(port(broker), "watcher");
            watcher.connect(ClientOptions.persistent().withSessionExpiry(3600));
            assertThat(watcher.awaitMessage("gone").topic()).isEqualTo("status/ghost");
            watcher.close();
        }
        try (MvBrokerStore store = MvBrokerStore.open(dir.resolve(MvBrokerStore.FILE_NAME), Fsync.BATCH)) {
            assertThat(store.wills().loadAll()).isEmpty();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

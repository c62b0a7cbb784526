package io.rung.broker.bridge;

import static org.awaitility.Awaitility.await;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.broker.LocalClient;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Identity;
import io.rung.broker.it.support.HiveMq3Client;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.TestClient;
import io.rung.config.AuthConfig;
import io.rung.config.BridgeConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Rung broker on 127.0.0.1:0 with bridges, in this JVM; test clients made through it are closed with it. */
final class LocalRung implements AutoCloseable {
    private final Broker broker;
    private final Bridges bridges;
    private final List<TestClient> clients = new ArrayList<>();

    private LocalRung(Broker broker, Bridges bridges) {
        this.broker = broker;
        this.bridges = bridges;
    }

    static LocalRung start(Path dataDir, Acl acl, Duration sysInterval, BridgeConfig... configs) throws Exception {
        BrokerConfig config = BrokerConfig.defaults(dataDir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withSysInterval(sysInterval);
        Broker broker = Broker.start(config, BrokerOptions.defaults().withAcl(acl));
        try {
            return new LocalRung(broker, Bridges.start(List.of(configs), broker, config.persistence()));
        } catch (BridgeException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    static LocalRung start(Path dataDir, BridgeConfig... configs) throws Exception {
        return start(dataDir, Acl.allowAll(), Duration.ZERO, configs);
    }

    int port() {
        return broker.listeners().get(0).address().getPort();
    }

    Bridges bridges() {
        return bridges;
    }

    /** The first bridge, to run a task on its thread. */
    Bridge bridge() {
        return bridges.all().get(0);
    }

    BridgeStatus status() {
        return bridges.statuses().get(0);
    }

    void awaitConnected() {
        awaitConnected(Duration.ofSeconds(15));
    }

    /** Waits for the first bridge's CONNACK; after a long outage its back-off may last up to ~38 s. */
    void awaitConnected(Duration atMost) {
        await().atMost(atMost).until(() -> status().connected());
    }

    /** An in-process client of this broker, as the gateway's {@code $gateway}; closed with the broker. */
    LocalClient local(String clientId) {
        return broker.connectLocal(Identity.trusted(clientId));
    }

    /** A connected clean MQTT 5 client of this broker. */
    HiveMq5Client client(String clientId) {
        HiveMq5Client c = new HiveMq5Client(port(), clientId);
        clients.add(c);
        c.connect();
        return c;
    }

    HiveMq3Client client311(String clientId) {
        HiveMq3Client c = new HiveMq3Client(port(), clientId);
        clients.add(c);
        c.connect();
        return c;
    }

    /** Closes the bridges (offline status, queue to disk) and then the broker. */
    @Override
    public void close() {
        for (TestClient c : clients) c.close();
        try {
            bridges.close();
        } finally {
            broker.close();
        }
    }
}

package io.rung.broker.bench;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.broker.bridge.BridgeStatus;
import io.rung.broker.bridge.Bridges;
import io.rung.config.AuthConfig;
import io.rung.config.BridgeConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.DataSize;
import io.rung.config.ListenerConfig;
import io.rung.config.PersistenceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rung's broker in this JVM on a free 127.0.0.1 port, with one bridge {@code bench} to the given mosquitto port:
 * {@code out: bench/# → site-1/} at the given QoS, no {@code in} rules, a queue of up to 2 000 000 messages.
 */
final class EmbeddedRung implements AutoCloseable {
    static final String NAME = "bench";
    static final String PREFIX = "site-1/";

    private final Broker broker;
    private final Bridges bridges;
    private final Path dataDir;

    private EmbeddedRung(Broker broker, Bridges bridges, Path dataDir) {
        this.broker = broker;
        this.bridges = bridges;
        this.dataDir = dataDir;
    }

    static EmbeddedRung start(Path dataDir, int remotePort, int qos) throws Exception {
        BrokerConfig config = BrokerConfig.defaults(dataDir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withSysInterval(Duration.ZERO);
        BridgeConfig bridge = new BridgeConfig(
                NAME,
                "mqtt://127.0.0.1:" + remotePort,
                Optional.empty(),
                Optional.empty(),
                "rung-bench-" + NAME,
                BridgeConfig.Protocol.MQTT_5,
                Duration.ofSeconds(60),
                true,
                false,
                true,
                PREFIX + "gateway/bench/$status",
                BridgeConfig.BridgeTlsConfig.defaults(),
                List.of(new BridgeConfig.Rule("bench/#", PREFIX, qos)),
                List.of(),
                new BridgeConfig.BufferConfig(2_000_000, DataSize.ofGiB(2)));
        Broker broker = Broker.start(config, BrokerOptions.defaults());
        try {
            return new EmbeddedRung(
                    broker,
                    Bridges.start(
                            List.of(bridge), broker, new PersistenceConfig(dataDir, PersistenceConfig.Fsync.BATCH)),
                    dataDir);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    Broker broker() {
        return broker;
    }

    int port() {
        return broker.listeners().get(0).address().getPort();
    }

    BridgeStatus status() {
        return bridges.statuses().get(0);
    }

    /** Size of the bridge's queue file {@code <data>/bridges/bench.mv}, 0 while it does not exist. */
    long queueFileBytes() {
        try {
            Path file = dataDir.resolve("bridges").resolve(NAME + ".mv");
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the queue file", e);
        }
    }

    /** Waits (at most {@code limit}) until the bridge is connected; returns whether it is. */
    boolean awaitConnected(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!status().connected()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            bridges.close();
        } finally {
            broker.close();
        }
    }
}

package io.rung.broker.persistence;

import io.rung.broker.Broker;
import io.rung.broker.BrokerException;
import io.rung.broker.BrokerOptions;
import io.rung.broker.store.StoreFactory;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import io.rung.config.PersistenceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A broker with the MVStore in its own JVM, for tests that kill it: {@code <dataDir> <port> <fsync>}. Anonymous,
 * 127.0.0.1 only, no $SYS. Binds {@code port} (0 = any; falls back to any when it is taken), writes the bound port
 * to {@code <dataDir>/broker.port} and runs until killed.
 */
public final class BrokerProcessMain {
    static final String PORT_FILE = "broker.port";

    private BrokerProcessMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        PersistenceConfig.Fsync fsync = PersistenceConfig.Fsync.valueOf(args[2]);
        Broker broker;
        try {
            broker = start(dir, port, fsync);
        } catch (BrokerException e) {
            if (port == 0 || !e.getMessage().contains("in use")) throw e;
            broker = start(dir, 0, fsync);
        }
        int bound = broker.listeners().get(0).address().getPort();
        Path tmp = dir.resolve(PORT_FILE + ".tmp");
        Files.writeString(tmp, Integer.toString(bound), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(PORT_FILE), StandardCopyOption.ATOMIC_MOVE);
        new CountDownLatch(1).await(); // until the test kills this JVM
    }

    private static Broker start(Path dir, int port, PersistenceConfig.Fsync fsync) throws BrokerException {
        BrokerConfig config = BrokerConfig.defaults(dir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", port)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withPersistence(new PersistenceConfig(dir, fsync))
                .withSysInterval(Duration.ZERO);
        return Broker.start(config, BrokerOptions.defaults().withStore(StoreFactory.mvStore()));
    }
}

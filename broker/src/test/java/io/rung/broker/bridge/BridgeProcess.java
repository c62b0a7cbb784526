package io.rung.broker.bridge;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rung's broker with bridge {@code cloud} (MQTT 5, default rules) to {@code mqtt://127.0.0.1:<remotePort>}, in a
 * child JVM so a test can kill it with SIGKILL. Arguments: data dir, remote port. Logs {@code READY <port>} when
 * listening; closes cleanly when its stdin closes.
 */
public final class BridgeProcess {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProcess.class);

    private BridgeProcess() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int remotePort = Integer.parseInt(args[1]);
        BrokerConfig config = BrokerConfig.defaults(dataDir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withSysInterval(Duration.ZERO);
        try (Broker broker = Broker.start(config, BrokerOptions.defaults());
                Bridges bridges = Bridges.start(
                        List.of(TestBridge.to("mqtt://127.0.0.1:" + remotePort).build()),
                        broker,
                        config.persistence())) {
            LOG.info("READY {}", broker.listeners().get(0).address().getPort());
            while (System.in.read() >= 0) {
                // runs until the test closes our stdin (or kills us)
            }
            LOG.info("stopping with {}", bridges.statuses());
        }
    }
}

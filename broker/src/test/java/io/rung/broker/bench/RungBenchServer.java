package io.rung.broker.bench;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.LimitsConfig;
import io.rung.config.ListenerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Rung's broker alone in its own JVM for the benchmark: anonymous, 127.0.0.1 on a free port, large offline
 * queues, default persistence in a temporary dir. Logs {@code READY <port>} and stops when its stdin closes.
 */
public final class RungBenchServer {
    private static final Logger LOG = LoggerFactory.getLogger("bench");

    private RungBenchServer() {}

    public static void main(String[] args) throws Exception {
        int maxInflight = args.length > 0
                ? Integer.parseInt(args[0])
                : LimitsConfig.defaults().maxInflight();
        Path dir = Files.createTempDirectory("rung-bench-");
        BrokerConfig config = BrokerConfig.defaults(dir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withLimits(
                        LimitsConfig.defaults().withMaxQueuedMessages(1_000_000).withMaxInflight(maxInflight));
        Broker broker = Broker.start(config, BrokerOptions.defaults());
        try {
            LOG.info("READY {}", broker.listeners().get(0).address().getPort());
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our stdin
            }
            var stats = broker.stats();
            LOG.info(
                    "messages received {}, sent {}, dropped {}; publishers paused {} times",
                    stats.messagesReceived(),
                    stats.messagesSent(),
                    stats.messagesDropped(),
                    stats.publisherPauses());
        } finally {
            broker.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}

package io.rung.broker.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.broker.store.mvstore.MvBrokerStore;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.LimitsConfig;
import io.rung.config.ListenerConfig;
import io.rung.config.PersistenceConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged QoS 1 messages per second with the durable store, per fsync mode: publishers keep a window of
 * unacknowledged messages, one persistent subscriber (session expiry 1 h) receives everything online, so every
 * message is stored, marked sent and deleted. Not a test (timings are never asserted); run it with
 * {@code java -cp <test classpath> io.rung.broker.bench.StoreBench [--seconds 5] [--publishers 8] [--window 32]
 * [--modes batch,always,never]}.
 */
public final class StoreBench {
    private static final Logger LOG = LoggerFactory.getLogger("bench");

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = intOption(args, "--seconds", 5);
        int publishers = intOption(args, "--publishers", 8);
        int window = intOption(args, "--window", 32);
        LOG.info(
                "durable QoS 1: {} publishers x window {}, 64 B payload, 1 persistent subscriber online, {} s per"
                        + " mode (after 2 s warm-up)",
                publishers,
                window,
                seconds);
        LOG.info("| fsync | acked msg/s | commits/s | msgs per commit | syncs/s |");
        LOG.info("| --- | ---: | ---: | ---: | ---: |");
        run(Fsync.BATCH, 3, publishers, window, false); // warm-up: JIT and page cache
        for (Fsync mode : modes(args)) run(mode, seconds, publishers, window, true);
        System.exit(0); // the HiveMQ client keeps non-daemon event-loop threads alive after its last disconnect
    }

    private static void run(Fsync mode, int seconds, int publishers, int window, boolean report) throws Exception {
        Path dir = Files.createTempDirectory("rung-store-bench-");
        AtomicReference<MvBrokerStore> store = new AtomicReference<>();
        BrokerConfig config = BrokerConfig.defaults(dir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous()))
                .withPersistence(new PersistenceConfig(dir, mode))
                .withLimits(LimitsConfig.defaults().withMaxQueuedMessages(1_000_000))
                .withSysInterval(Duration.ZERO);
        BrokerOptions options = BrokerOptions.defaults().withStore(c -> {
            MvBrokerStore s = MvBrokerStore.open(c.persistence());
            store.set(s);
            return s;
        });
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        try (Broker broker = Broker.start(config, options)) {
            int port = broker.listeners().get(0).address().getPort();
            Mqtt5AsyncClient sub = client(port, "bench-sub");
            clients.add(sub);
            sub.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(3600)
                    .send()
                    .get(10, TimeUnit.SECONDS);
            sub.subscribeWith()
                    .topicFilter("bench/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> {})
                    .send()
                    .get(10, TimeUnit.SECONDS);
            AtomicLong acked = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                Mqtt5AsyncClient pub = client(port, "bench-pub-" + i);
                clients.add(pub);
                pub.connect().get(10, TimeUnit.SECONDS);
                Thread t = new Thread(() -> publish(pub, window, acked, stop), "bench-pub-" + i);
                t.start();
                threads.add(t);
            }
            measureAfter(Duration.ofSeconds(2));
            long[] start = {acked.get(), store.get().commits(), store.get().syncs(), System.nanoTime()};
            measureAfter(Duration.ofSeconds(seconds));
            double secs = (System.nanoTime() - start[3]) / 1e9;
            long messages = acked.get() - start[0];
            long commits = store.get().commits() - start[1];
            long syncs = store.get().syncs() - start[2];
            stop.set(true);
            for (Thread t : threads) t.join(10_000);
            if (report)
                LOG.info(
                        "| {} | {} | {} | {} | {} |",
                        mode.name().toLowerCase(java.util.Locale.ROOT),
                        Math.round(messages / secs),
                        Math.round(commits / secs),
                        String.format(java.util.Locale.ROOT, "%.1f", commits == 0 ? 0 : (double) messages / commits),
                        Math.round(syncs / secs));
            for (Mqtt5AsyncClient c : clients) c.disconnect().get(10, TimeUnit.SECONDS);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Waits out a measuring interval on the main thread while the publishers run (a bench, not a test). */
    private static void measureAfter(Duration interval) throws InterruptedException {
        Thread.sleep(interval.toMillis());
    }

    private static void publish(Mqtt5AsyncClient pub, int window, AtomicLong acked, AtomicBoolean stop) {
        Semaphore permits = new Semaphore(window);
        byte[] payload = new byte[64];
        while (!stop.get()) {
            try {
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pub.publishWith()
                    .topic("bench/" + Thread.currentThread().getName())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send()
                    .whenComplete((r, e) -> {
                        if (e == null) acked.incrementAndGet();
                        permits.release();
                    });
        }
        permits.acquireUninterruptibly(window); // let the last ones finish before disconnecting
    }

    private static Mqtt5AsyncClient client(int port, String id) {
        return Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
    }

    /** {@code --modes always,batch} (default batch,always,never). */
    private static List<Fsync> modes(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--modes")) {
                return java.util.Arrays.stream(args[i + 1].split(","))
                        .map(m -> Fsync.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)))
                        .toList();
            }
        }
        return List.of(Fsync.BATCH, Fsync.ALWAYS, Fsync.NEVER);
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        return fallback;
    }
}

package io.rung.broker.it.support;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.LimitsConfig;
import io.rung.config.ListenerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real broker on 127.0.0.1:0 with anonymous access and a temporary data dir: once per class when
 * registered on a static field, once per test when registered on an instance field. Clients made through it are
 * closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerExtension broker = BrokerExtension.withDefaults().limits(l -> l.withMaxQueuedMessages(5));
 *
 * @Test
 * void delivers() {
 *     TestClient sub = broker.client(Protocol.V5, "sub");
 *     sub.connect();
 * }
 * }</pre>
 */
public final class BrokerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerExtension.class);

    private UnaryOperator<BrokerConfig> tweak = UnaryOperator.identity();
    private UnaryOperator<BrokerOptions> optionsTweak = UnaryOperator.identity();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private boolean perClass;
    private Broker broker;
    private Path dataDir;
    private int port;

    private BrokerExtension() {}

    public static BrokerExtension withDefaults() {
        return new BrokerExtension();
    }

    /** Changes the broker config before start; calls compose. */
    public BrokerExtension configure(UnaryOperator<BrokerConfig> change) {
        UnaryOperator<BrokerConfig> before = tweak;
        tweak = c -> change.apply(before.apply(c));
        return this;
    }

    public BrokerExtension limits(UnaryOperator<LimitsConfig> change) {
        return configure(c -> c.withLimits(change.apply(c.limits())));
    }

    /** Changes the broker options (tuning that is not in the config) before start; calls compose. */
    public BrokerExtension options(UnaryOperator<BrokerOptions> change) {
        UnaryOperator<BrokerOptions> before = optionsTweak;
        optionsTweak = o -> change.apply(before.apply(o));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (broker == null) start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients();
        if (!perClass) stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /**
     * Starts a broker outside JUnit's lifecycle, for one test that needs an unusual config; close it with
     * try-with-resources.
     */
    public BrokerExtension startStandalone() throws Exception {
        start();
        return this;
    }

    @Override
    public void close() {
        closeClients();
        stop();
    }

    private void start() throws Exception {
        dataDir = Files.createTempDirectory("rung-it-");
        BrokerConfig config = tweak.apply(BrokerConfig.defaults(dataDir)
                .withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)))
                .withAuth(Optional.of(AuthConfig.allowAnonymous())));
        broker = Broker.start(config, optionsTweak.apply(BrokerOptions.defaults()));
        port = broker.listeners().get(0).address().getPort();
    }

    private void stop() {
        if (broker == null) return;
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("broker did not close cleanly", e);
        } finally {
            broker = null;
            deleteDataDir();
        }
    }

    private void deleteDataDir() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir, e);
        }
    }

    private void closeClients() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing a test client failed: {}", e.toString());
            }
        }
        clients.clear();
    }

    public Broker broker() {
        return broker;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}, as Paho wants it. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * A real client for the protocol version behind the common test interface, not yet connected: HiveMQ for 3.1.1
     * and 5, Paho for 3.1 (HiveMQ does not speak it; Paho spends ~300 ms in every connect, so it is not the default).
     */
    public TestClient client(Protocol protocol, String clientId) {
        return track(
                switch (protocol) {
                    case V31 -> new PahoV3Client(Protocol.V31, uri(), clientId);
                    case V311 -> new HiveMq3Client(port, clientId);
                    case V5 -> new HiveMq5Client(port, clientId);
                });
    }

    /** A Paho client behind the common test interface, for any protocol version; not yet connected. */
    public TestClient pahoClient(Protocol protocol, String clientId) {
        return track(protocol.isV5() ? new PahoV5Client(uri(), clientId) : new PahoV3Client(protocol, uri(), clientId));
    }

    /** A connected clean-session client. */
    public TestClient connected(Protocol protocol, String clientId) {
        TestClient c = client(protocol, clientId);
        c.connect(ClientOptions.clean());
        return c;
    }

    public PahoV3Client paho3(String clientId) {
        return track(new PahoV3Client(Protocol.V311, uri(), clientId));
    }

    public PahoV5Client paho5(String clientId) {
        return track(new PahoV5Client(uri(), clientId));
    }

    /** A HiveMQ MQTT 5 client, not yet connected. */
    public Mqtt5BlockingClient hiveMq5(String clientId) {
        Mqtt5BlockingClient c = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        track(() -> {
            if (c.getState().isConnected()) c.disconnect();
        });
        return c;
    }

    /** A HiveMQ MQTT 3.1.1 client, not yet connected. */
    public Mqtt3BlockingClient hiveMq3(String clientId) {
        Mqtt3BlockingClient c = Mqtt3Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        track(() -> {
            if (c.getState().isConnected()) c.disconnect();
        });
        return c;
    }

    /** A raw-bytes client with an open socket and nothing sent. */
    public RawClient raw() {
        return track(RawClient.open(port));
    }

    /** Registers anything for closing after the test. */
    public <T extends AutoCloseable> T track(T closeable) {
        clients.add(closeable);
        return closeable;
    }
}

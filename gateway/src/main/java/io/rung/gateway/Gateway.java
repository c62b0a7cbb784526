package io.rung.gateway;

import io.rung.broker.Broker;
import io.rung.broker.BrokerException;
import io.rung.broker.BrokerOptions;
import io.rung.broker.LocalClient;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Identity;
import io.rung.broker.auth.InitialPassword;
import io.rung.broker.auth.PasswordAuthenticator;
import io.rung.broker.auth.PasswordFileException;
import io.rung.broker.auth.RuleAcl;
import io.rung.broker.auth.TokenStore;
import io.rung.broker.bridge.BridgeException;
import io.rung.broker.bridge.BridgeStatus;
import io.rung.broker.bridge.Bridges;
import io.rung.broker.store.StoreFactory;
import io.rung.config.AuthConfig;
import io.rung.config.RungConfig;
import io.rung.gateway.http.GatewayMetrics;
import io.rung.gateway.http.HealthChecks;
import io.rung.gateway.http.HttpParts;
import io.rung.gateway.http.HttpServer;
import io.rung.gateway.http.HttpServerException;
import io.rung.gateway.http.PartHealth;
import io.rung.gateway.port.MqttPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product: the broker and, as the configuration names them, devices, bridges and HTTP.
 *
 * <pre>{@code
 * try (Gateway g = Gateway.start(config, false, System.out::println)) { ... }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Broker broker;
    private final TokenStore tokens;
    private final LocalClient gatewayClient;
    private final Bridges bridges;
    private final Devices devices;
    private final HealthChecks health;
    private final GatewayMetrics metrics;
    private final @Nullable HttpServer http;

    private Gateway(
            Broker broker,
            TokenStore tokens,
            LocalClient gatewayClient,
            Bridges bridges,
            Devices devices,
            HealthChecks health,
            GatewayMetrics metrics,
            @Nullable HttpServer http) {
        this.broker = broker;
        this.tokens = tokens;
        this.gatewayClient = gatewayClient;
        this.bridges = bridges;
        this.devices = devices;
        this.health = health;
        this.metrics = metrics;
        this.http = http;
    }

    /**
     * Starts everything the configuration names.
     *
     * @param console where lines meant for the operator's eyes only go (the initial admin password): never a logger
     */
    public static Gateway start(RungConfig config, boolean verbose, Consumer<String> console) throws GatewayException {
        Path dataDir = config.broker().persistence().dir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new GatewayException("cannot create the data dir " + dataDir + ": " + e.getMessage(), e);
        }
        AuthConfig auth = resolveAuth(config, dataDir, console);
        TokenStore tokens = new TokenStore();
        Acl acl = new RuleAcl(auth.acl());
        StartupWarnings.log(config, auth);
        try {
            PasswordAuthenticator authenticator = new PasswordAuthenticator(auth, tokens);
            Broker broker = Broker.start(
                    config.broker().withAuth(Optional.of(auth)),
                    BrokerOptions.defaults()
                            .withAuthenticator(authenticator)
                            .withAcl(acl)
                            .withVerbose(verbose)
                            .withVersion(Version.current())
                            .withStore(StoreFactory.mvStore()));
            // everything started so far, closed in reverse order if a later part cannot start
            Deque<AutoCloseable> started = new ArrayDeque<>();
            started.push(broker);
            try {
                Identity self = Identity.trusted(MqttPort.GATEWAY_CLIENT_ID);
                LocalClient client = broker.connectLocal(self);
                started.push(client);
                GatewayMetrics metrics = new GatewayMetrics();
                metrics.bindBroker(broker.stats());
                HealthChecks health = new HealthChecks();
                health.add(() -> List.of(PartHealth.up("broker", "broker", true)));
                Bridges bridges =
                        Bridges.start(config.bridges(), broker, config.broker().persistence());
                started.push(bridges);
                health.add(
                        () -> bridges.statuses().stream().map(Gateway::healthOf).toList());
                metrics.bindBridges(bridges::statuses);
                Devices devices = Devices.start(config, new BrokerPort(client, self, acl), dataDir, metrics);
                started.push(devices);
                HttpServer http = config.http().isPresent()
                        ? HttpServer.start(
                                config.http().get(),
                                new HttpParts(
                                        broker,
                                        authenticator,
                                        acl,
                                        tokens,
                                        config.devices(),
                                        health,
                                        metrics,
                                        bridges::statuses))
                        : null;
                return new Gateway(broker, tokens, client, bridges, devices, health, metrics, http);
            } catch (BridgeException | HttpServerException e) {
                closeAll(started);
                throw new GatewayException(e.getMessage(), e);
            } catch (GatewayException e) {
                closeAll(started);
                throw e;
            }
        } catch (PasswordFileException e) {
            throw new GatewayException("cannot read the password file: " + e.getMessage(), e);
        } catch (BrokerException e) {
            throw new GatewayException(e.getMessage(), e);
        }
    }

    private static PartHealth healthOf(BridgeStatus b) {
        return new PartHealth(
                "bridge",
                b.name(),
                b.connected(),
                b.required(),
                b.connected()
                        ? Optional.empty()
                        : Optional.of(b.lastError().orElse(b.state().name().toLowerCase(Locale.ROOT))));
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Could not stop cleanly after a failed start: {}", e.toString());
            }
        }
    }

    private static AuthConfig resolveAuth(RungConfig config, Path dataDir, Consumer<String> console)
            throws GatewayException {
        if (config.broker().auth().isPresent()) return config.broker().auth().get();
        try {
            InitialPassword initial = InitialPassword.prepare(dataDir);
            initial.consoleLine().ifPresent(console);
            return initial.authConfig();
        } catch (PasswordFileException e) {
            throw new GatewayException(
                    "cannot create the initial password file in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Broker broker() {
        return broker;
    }

    /** Short-lived MQTT tokens for dashboard logins. */
    public TokenStore tokens() {
        return tokens;
    }

    /** What {@code /health} reports; bridges add their own source. */
    public HealthChecks health() {
        return health;
    }

    /** The Micrometer registry behind {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The HTTP server, when the configuration has an {@code http:} section. */
    public Optional<HttpServer> http() {
        return Optional.ofNullable(http);
    }

    /** Stops everything within 10 s: polls, bridges, listeners, store. */
    @Override
    public void close() {
        log.info("Shutting down.");
        if (http != null) http.close();
        devices.close();
        bridges.close();
        gatewayClient.close();
        broker.close();
    }
}

package io.rung.broker.tls;

import io.rung.broker.Broker;
import io.rung.broker.BrokerException;
import io.rung.broker.BrokerOptions;
import io.rung.broker.auth.PasswordAuthenticator;
import io.rung.broker.auth.PasswordFile;
import io.rung.broker.auth.PasswordFileException;
import io.rung.broker.auth.RuleAcl;
import io.rung.broker.auth.TokenStore;
import io.rung.config.AclRuleConfig;
import io.rung.config.AuthConfig;
import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real broker with the given listeners and the real password authenticator and ACL, for one test; close it with
 * try-with-resources.
 *
 * <pre>{@code
 * try (TestBroker b = TestBroker.with(dir, List.of(Transport.TLS.listener(tls))).user("alice", "pw").start()) {
 *     int port = b.port(0);
 * }
 * }</pre>
 */
public final class TestBroker implements AutoCloseable {
    private final Path dir;
    private final List<ListenerConfig> listeners;
    private final List<AclRuleConfig> acl = new ArrayList<>();
    private boolean anonymous = true;
    private Optional<Path> passwordFile = Optional.empty();
    private UnaryOperator<BrokerConfig> tweak = UnaryOperator.identity();
    private Broker broker;

    private TestBroker(Path dir, List<ListenerConfig> listeners) {
        this.dir = dir;
        this.listeners = listeners;
    }

    public static TestBroker with(Path dir, List<ListenerConfig> listeners) {
        return new TestBroker(dir, listeners);
    }

    /** Adds a user to the broker's password file and turns anonymous access off. */
    public TestBroker user(String name, String password) throws PasswordFileException {
        Path file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, name, password.getBytes(StandardCharsets.UTF_8));
        passwordFile = Optional.of(file);
        anonymous = false;
        return this;
    }

    public TestBroker anonymous(boolean allowed) {
        anonymous = allowed;
        return this;
    }

    public TestBroker acl(String user, String topic, AclRuleConfig.Access access) {
        acl.add(new AclRuleConfig(user, topic, access));
        return this;
    }

    public TestBroker configure(UnaryOperator<BrokerConfig> change) {
        UnaryOperator<BrokerConfig> before = tweak;
        tweak = c -> change.apply(before.apply(c));
        return this;
    }

    public TestBroker start() throws BrokerException, PasswordFileException, IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        AuthConfig auth = new AuthConfig(anonymous, passwordFile, List.copyOf(acl));
        BrokerConfig config =
                tweak.apply(BrokerConfig.defaults(data).withListeners(listeners).withAuth(Optional.of(auth)));
        BrokerOptions options = BrokerOptions.defaults()
                .withAuthenticator(new PasswordAuthenticator(auth, new TokenStore()))
                .withAcl(new RuleAcl(auth.acl()));
        broker = Broker.start(config, options);
        return this;
    }

    public Broker broker() {
        return broker;
    }

    /** The bound port of listener {@code index}, in config order. */
    public int port(int index) {
        return broker.listeners().get(index).port();
    }

    @Override
    public void close() {
        if (broker != null) broker.close();
    }
}

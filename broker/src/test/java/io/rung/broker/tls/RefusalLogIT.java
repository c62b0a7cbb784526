package io.rung.broker.tls;

import static io.rung.broker.it.support.Wire.frame;
import static io.rung.broker.it.support.Wire.u16;
import static io.rung.broker.it.support.Wire.u8;
import static io.rung.broker.it.support.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.config.DataSize;
import io.rung.config.ListenerConfig;
import io.rung.config.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One test per refusal cause, asserting the one line the broker logs: address, listener, client id, user and the
 * cause in plain words. The transport causes (TLS, WebSocket) are in {@code TlsIT} and {@code WebSocketIT}.
 */
class RefusalLogIT {
    @TempDir
    static Path pkiDir;

    static TlsConfig tls;

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void createPki() {
        TestPki pki = TestPki.create(pkiDir);
        TestPki.Pair server = pki.server();
        tls = TlsConfig.of(server.cert(), server.key());
        clientTls = pki.clientTls(pki.ca(), null);
    }

    static TestPki.ClientTls clientTls;

    /** A broker with every transport, user alice, no anonymous access. */
    TestBroker brokerWithUser() throws Exception {
        List<ListenerConfig> listeners =
                Arrays.stream(Transport.values()).map(t -> t.listener(tls)).toList();
        return TestBroker.with(dir, listeners).user("alice", "alice-pw").start();
    }

    static ClientKind.Target target(TestBroker b, Transport t) {
        return ClientKind.Target.of(t, b.port(t.ordinal()), t.tls() ? clientTls : null);
    }

    static String listener(TestBroker b, Transport t) {
        return t.name().toLowerCase(Locale.ROOT) + ":" + b.port(t.ordinal());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrongPassword(Transport transport) throws Exception {
        try (TestBroker b = brokerWithUser()) {
            ClientKind.HIVEMQ_V5.connectFailure(target(b, transport).withLogin("alice", "guess"), "phone-1");
            assertThat(logs.awaitLine("Refused connection"))
                    .matches("INFO Refused connection from 127\\.0\\.0\\.1:\\d+ "
                            + "on listener " + listener(b, transport)
                            + " \\(client id 'phone-1', user 'alice'\\): wrong "
                            + "password for user 'alice'\\.");
        }
    }

    @Test
    void unknownUser() throws Exception {
        try (TestBroker b = brokerWithUser()) {
            ClientKind.PAHO_V3.connectFailure(target(b, Transport.TCP).withLogin("bob", "pw"), "phone-2");
            assertThat(logs.awaitLine("Refused connection"))
                    .endsWith("(client id 'phone-2', user 'bob'): unknown user 'bob'.");
        }
    }

    @Test
    void anonymousNotAllowed() throws Exception {
        try (TestBroker b = brokerWithUser()) {
            ClientKind.HIVEMQ_V3.connectFailure(target(b, Transport.WS), "phone-3");
            assertThat(logs.awaitLine("Refused connection"))
                    .endsWith(
                            "(client id 'phone-3', user ''): anonymous "
                                    + "access is not allowed (no user name given; set broker.auth.anonymous: true to allow it).");
        }
    }

    @Test
    void notAuthorisedWillTopic() throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(Transport.TCP.listener(null)))
                        .start();
                RawClient raw = RawClient.open(b.port(0))) {
            raw.connect(RawConnect.of(Protocol.V5, "will-sys").will("$SYS/x", new byte[] {1}, 0, false));
            assertThat(logs.awaitLine("Refused connection"))
                    .endsWith("(client id 'will-sys', user ''): will topic '$SYS/x': clients may not publish to $SYS.");
        }
    }

    @Test
    void clientIdRejected() throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(Transport.TCP.listener(null)))
                        .start();
                RawClient reserved = RawClient.open(b.port(0));
                RawClient empty = RawClient.open(b.port(0))) {
            assertThat(reserved.connect(RawConnect.of(Protocol.V311, "$gateway"))
                            .connAckCode())
                    .isEqualTo(2);
            assertThat(logs.awaitLine("Refused connection", "$gateway"))
                    .endsWith("(client id '$gateway', user ''): client id '$gateway' is reserved for the broker's own "
                            + "clients.");
            assertThat(empty.connect(RawConnect.of(Protocol.V311, "").cleanStart(false))
                            .connAckCode())
                    .isEqualTo(2);
            assertThat(logs.awaitLine("Refused connection", "empty client id"))
                    .endsWith("(client id '', user ''): empty client id requires clean session.");
        }
    }

    @Test
    void unsupportedProtocolVersion() throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(Transport.TCP.listener(null)))
                        .start();
                RawClient raw = RawClient.open(b.port(0))) {
            raw.send(frame(0x10, utf8("MQTT"), u8(6), u8(2), u16(60), utf8("level-6")));
            raw.awaitClosed();
            assertThat(logs.awaitLine("Refused connection")).contains("unsupported protocol version");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void packetTooLarge(Transport transport) throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(transport.listener(tls)))
                        .configure(c -> c.withLimits(c.limits().withMaxPacketSize(DataSize.ofBytes(1024))))
                        .start();
                ClientKind.Connection c = ClientKind.PAHO_V3.connect(
                        ClientKind.Target.of(transport, b.port(0), transport.tls() ? clientTls : null), "big")) {
            byte[] big = new byte[2048];
            Arrays.fill(big, (byte) 'x');
            try {
                c.publish("big/one", new String(big, StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the broker closes the connection instead of acknowledging: what this test wants
                assertThat(e).isNotNull();
            }
            assertThat(logs.awaitLine("Closed connection"))
                    .matches(
                            "INFO Closed connection from 127\\.0\\.0\\.1:\\d+ on "
                                    + "listener " + transport.name().toLowerCase(Locale.ROOT) + ":" + b.port(0)
                                    + " \\(client id 'big', user ''\\): packet larger than the maximum packet size of 1024 bytes\\.");
        }
    }

    @Test
    void keepAliveTimeout() throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(Transport.TCP.listener(null)))
                        .start();
                RawClient raw = RawClient.open(b.port(0))) {
            assertThat(raw.connect(RawConnect.of(Protocol.V311, "sleepy").keepAlive(2))
                            .connAckCode())
                    .isZero();
            assertThat(raw.isClosedByBroker(java.time.Duration.ofSeconds(6))).isTrue();
            // [MQTT-3.1.2-24] 1.5 times the keep-alive without a packet
            assertThat(logs.awaitLine("Closed connection"))
                    .endsWith("(client id 'sleepy', user ''): keepalive timeout "
                            + "(nothing received for 3 s, 1.5 x the keep-alive of 2 s).");
        }
    }

    @Test
    void atMostTenLinesPerAddressPerMinute() throws Exception {
        try (TestBroker b = brokerWithUser()) {
            for (int i = 0; i < 12; i++) {
                try (RawClient raw = RawClient.open(b.port(0))) {
                    raw.connect(RawConnect.of(Protocol.V311, "$gateway"));
                }
            }
            // each refusal is logged before its CONNACK is sent, and every CONNACK has been read
            assertThat(logs.linesWith("Refused connection")).hasSize(10);
        }
    }
}

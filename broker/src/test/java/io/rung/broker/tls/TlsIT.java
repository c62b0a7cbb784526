package io.rung.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.broker.it.support.MosquittoProcess;
import io.rung.config.AclRuleConfig;
import io.rung.config.TlsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS listeners, one-way and mutual: real clients connect, and every way a TLS connection fails gives the expected
 * failure on the client side and one plain-words line in the broker log.
 */
class TlsIT {
    @TempDir
    static Path pkiDir;

    static TestPki pki;
    static TestPki.Pair server;

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(pkiDir);
        server = pki.server();
    }

    static TlsConfig oneWay(TestPki.Pair cert) {
        return TlsConfig.of(cert.cert(), cert.key());
    }

    static TlsConfig mutual(boolean certificateAsUsername) {
        return new TlsConfig(
                server.cert(), server.key(), Optional.empty(), Optional.of(pki.ca()), certificateAsUsername);
    }

    TestBroker broker(Transport transport, TlsConfig tls) throws Exception {
        return TestBroker.with(dir, List.of(transport.listener(tls))).start();
    }

    static ClientKind.Target target(TestBroker b, Transport t, TestPki.ClientTls tls) {
        return ClientKind.Target.of(t, b.port(0), tls);
    }

    static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t).append(" | ");
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void clientWithCertificateConnectsToMutualTlsListener(ClientKind kind) throws Exception {
        try (TestBroker b = broker(Transport.TLS, mutual(false))) {
            kind.roundTrip(target(b, Transport.TLS, pki.clientTls(pki.ca(), pki.client("device-1"))), "mutual");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"TLS", "WSS"})
    void clientWithoutCertificateIsRefusedOnMutualListener(Transport transport) throws Exception {
        try (TestBroker b = broker(transport, mutual(false))) {
            Exception e =
                    ClientKind.HIVEMQ_V5.connectFailure(target(b, transport, pki.clientTls(pki.ca(), null)), "no-cert");
            assertThat(causes(e)).containsAnyOf("certificate_required", "bad_certificate", "closed");
            String line = logs.awaitLine("Refused connection from 127.0.0.1:", "before CONNECT");
            assertThat(line)
                    .contains("on listener " + (transport == Transport.TLS ? "tls:" : "wss:") + b.port(0))
                    .contains("TLS handshake failed: the client sent no certificate, but this listener requires one")
                    .contains("signed by 'Rung Test CA'");
        }
    }

    @Test
    void javaClientWithACertificateFromAnotherCaSendsNoneAndIsRefused() throws Exception {
        try (TestBroker b = broker(Transport.TLS, mutual(false))) {
            var tls = pki.clientTls(pki.ca(), pki.foreignClient("intruder"));
            ClientKind.HIVEMQ_V3.connectFailure(target(b, Transport.TLS, tls), "foreign");
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client sent no certificate")
                    .contains("a client whose certificate is signed by another CA sends none");
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsNotTrusted() throws Exception {
        try (TestBroker b = broker(Transport.TLS, mutual(false))) {
            TestPki.Pair foreign = pki.foreignClient("intruder");
            int code = run(
                    "mosquitto_pub",
                    "-h",
                    "localhost",
                    "-p",
                    String.valueOf(b.port(0)),
                    "--cafile",
                    pki.ca().toString(),
                    "--cert",
                    foreign.cert().toString(),
                    "--key",
                    foreign.key().toString(),
                    "-t",
                    "mosq/tls",
                    "-m",
                    "x");
            assertThat(code).isNotZero();
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client certificate is not trusted: it is not signed by the clientCa of this "
                            + "listener ('Rung Test CA')");
        }
    }

    @Test
    void expiredClientCertificateIsRefused() throws Exception {
        try (TestBroker b = broker(Transport.TLS, mutual(false))) {
            var tls = pki.clientTls(pki.ca(), pki.expiredClient("old-device"));
            ClientKind.PAHO_V5.connectFailure(target(b, Transport.TLS, tls), "expired-client");
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client certificate has expired");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void clientThatDoesNotTrustTheServerCaFails(ClientKind kind) throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server))) {
            Exception e = kind.connectFailure(target(b, Transport.TLS, pki.clientTls(pki.otherCa(), null)), "wrong-ca");
            assertThat(causes(e)).contains("PKIX path building failed");
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client rejected the server certificate (alert certificate_unknown)")
                    .contains("it does not trust the CA")
                    .contains("issued by 'Rung Test CA'");
        }
    }

    @Test
    void expiredServerCertificateFailsOnTheClient() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(pki.expiredServer()))) {
            assertThat(logs.awaitLine("WARN TLS certificate of listener tls:")).contains("has expired");
            Exception e = ClientKind.HIVEMQ_V5.connectFailure(
                    target(b, Transport.TLS, pki.clientTls(pki.ca(), null)), "expired-server");
            assertThat(causes(e)).containsAnyOf("CertificateExpiredException", "validity check failed");
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("certificate_")
                    .contains("and has EXPIRED");
        }
    }

    @Test
    void serverCertificateForAnotherHostNameFailsOnTheClient() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(pki.otherHostServer()))) {
            var target = target(b, Transport.TLS, pki.clientTls(pki.ca(), null)).withHost("localhost");
            Exception e = ClientKind.HIVEMQ_V5.connectFailure(target, "wrong-host");
            assertThat(causes(e)).contains("No subject alternative DNS name matching localhost found");
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the host name it connects to is not one the certificate names")
                    .contains("the server certificate is for other.example");
        }
    }

    @Test
    void certificateCommonNameBecomesTheUserName() throws Exception {
        try (TestBroker b = TestBroker.with(dir, List.of(Transport.TLS.listener(mutual(true))))
                .anonymous(false)
                .acl("alice", "alice/#", AclRuleConfig.Access.READWRITE)
                .start()) {
            var target = target(b, Transport.TLS, pki.clientTls(pki.ca(), pki.client("alice")));
            try (ClientKind.Connection c = ClientKind.HIVEMQ_V5.connect(target, "alice-phone")) {
                ClientKind.assertRoundTrip(c, "alice/x");
                assertThat(logs.awaitLine("New client connected", "as alice-phone"))
                        .contains("u'alice'");
                // MQTT 5: PUBACK 0x87 (not authorized) for a topic the ACL does not give user alice
                assertThatThrownBy(() -> c.publish("bob/x", "not-allowed")).hasMessageContaining("PUBACK");
                assertThat(logs.awaitLine("Denied")).contains("alice-phone");
            }
        }
    }

    @Test
    void clientOfferingOnlyTls11IsRefused() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server));
                Socket s = new Socket("127.0.0.1", b.port(0))) {
            OutputStream out = s.getOutputStream();
            out.write(tls11ClientHello());
            out.flush();
            s.setSoTimeout(5000);
            int first = s.getInputStream().read();
            assertThat(first).as("a TLS alert record").isEqualTo(0x15);
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client offers only TLSv1.1, which is too old: Rung accepts TLS 1.2 and 1.3");
        }
    }

    /** A TLS 1.1 ClientHello with one cipher suite (TLS_RSA_WITH_AES_128_CBC_SHA) and no extensions. */
    private static byte[] tls11ClientHello() {
        byte[] hello = new byte[5 + 4 + 41];
        int i = 0;
        for (int b : new int[] {0x16, 0x03, 0x01, 0x00, 45, 0x01, 0x00, 0x00, 41, 0x03, 0x02}) hello[i++] = (byte) b;
        for (int r = 0; r < 32; r++) hello[i++] = (byte) r;
        for (int b : new int[] {0x00, 0x00, 0x02, 0x00, 0x2f, 0x01, 0x00}) hello[i++] = (byte) b;
        return hello;
    }

    @Test
    void aPortCheckThatSendsNothingIsNotLoggedAsARefusal() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server))) {
            new Socket("127.0.0.1", b.port(0)).close(); // what "nc -z" and load balancer health checks do
            logs.awaitLine("New connection from 127.0.0.1:");
            ClientKind.HIVEMQ_V3.connectFailure(ClientKind.Target.of(Transport.TCP, b.port(0), null), "after-check");
            logs.awaitLine("Refused connection", "plain MQTT");
            assertThat(logs.linesWith("Refused connection")).hasSize(1);
        }
    }

    @Test
    void plainMqttSentToATlsPortIsRefused() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server))) {
            ClientKind.HIVEMQ_V3.connectFailure(ClientKind.Target.of(Transport.TCP, b.port(0), null), "plain-to-tls");
            assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                    .contains("the client sent plain MQTT " + "without TLS, but port " + b.port(0)
                            + " expects MQTT over TLS (mqtts://HOST:" + b.port(0) + ")");
        }
    }

    @Test
    void tlsSentToAPlainPortIsRefused() throws Exception {
        try (TestBroker b =
                TestBroker.with(dir, List.of(Transport.TCP.listener(null))).start()) {
            ClientKind.HIVEMQ_V5.connectFailure(
                    ClientKind.Target.of(Transport.TLS, b.port(0), pki.clientTls(pki.ca(), null)), "tls-to-plain");
            assertThat(logs.awaitLine("Refused connection", "before CONNECT"))
                    .contains("the client sent a TLS " + "handshake, but port " + b.port(0)
                            + " expects plain MQTT without TLS (mqtt://HOST:" + b.port(0) + ")");
        }
    }

    @Test
    void mosquittoClientsWorkOverTlsWithCafile() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server))) {
            String port = String.valueOf(b.port(0));
            String ca = pki.ca().toString();
            try (MosquittoProcess sub = MosquittoProcess.start(List.of(
                    "stdbuf",
                    "-oL",
                    "mosquitto_sub",
                    "-d",
                    "-h",
                    "localhost",
                    "-p",
                    port,
                    "--cafile",
                    ca,
                    "-t",
                    "mosq/tls",
                    "-C",
                    "1"))) {
                sub.awaitLine(line -> line.contains("received SUBACK"));
                assertThat(run(
                                "mosquitto_pub",
                                "-h",
                                "localhost",
                                "-p",
                                port,
                                "--cafile",
                                ca,
                                "-t",
                                "mosq/tls",
                                "-m",
                                "over-tls"))
                        .isZero();
                sub.awaitLine("over-tls");
            }
        }
    }

    @Test
    void mosquittoPubWithTheWrongCafileFailsAndIsLogged() throws Exception {
        try (TestBroker b = broker(Transport.TLS, oneWay(server))) {
            int code = run(
                    "mosquitto_pub",
                    "-h",
                    "localhost",
                    "-p",
                    String.valueOf(b.port(0)),
                    "--cafile",
                    pki.otherCa().toString(),
                    "-t",
                    "mosq/tls",
                    "-m",
                    "x");
            assertThat(code).isNotZero();
            assertThat(logs.awaitLine("Refused connection", "TLS handshake failed"))
                    .contains("the client ended the handshake with an alert after it received the server certificate")
                    .contains("issued by 'Rung Test CA'");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) throw new AssertionError(List.of(command) + " did not finish");
            p.getInputStream().readAllBytes();
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void startFailsWithAClearMessageWhenTheKeyFileIsMissing() {
        TlsConfig tls = TlsConfig.of(server.cert(), pkiDir.resolve("missing.key"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> broker(Transport.TLS, tls)))
                .hasMessage("listener on port 0: key file " + pkiDir.resolve("missing.key") + " does not exist");
        assertThat(Files.exists(pkiDir.resolve("missing.key"))).isFalse();
    }
}

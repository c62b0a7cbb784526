package io.rung.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.TlsConfig;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal without downtime: after SIGHUP ({@code Broker.reloadCertificates()}) or when the files
 * change, new handshakes get the new certificate while connected clients stay connected; files that cannot be used
 * leave the old certificate in place, with a log line saying why.
 */
class CertificateReloadIT {
    @TempDir
    static Path pkiDir;

    static TestPki pki;

    @TempDir
    Path dir;

    Path cert;
    Path key;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(pkiDir);
    }

    @BeforeEach
    void firstCertificate() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        cert = live.resolve("fullchain.pem");
        key = live.resolve("privkey.pem");
        install(pki.server());
    }

    private void install(TestPki.Pair pair) throws Exception {
        // write next to the target, then move: what certbot and careful scripts do
        Files.copy(pair.key(), key.resolveSibling("privkey.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pair.cert(), cert.resolveSibling("fullchain.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(key.resolveSibling("privkey.tmp"), key, StandardCopyOption.REPLACE_EXISTING);
        Files.move(cert.resolveSibling("fullchain.tmp"), cert, StandardCopyOption.REPLACE_EXISTING);
    }

    private TestBroker start() throws Exception {
        return TestBroker.with(dir, List.of(Transport.TLS.listener(TlsConfig.of(cert, key))))
                .start();
    }

    /** The serial number of the certificate a new handshake gets. */
    private static BigInteger servedSerial(int port) throws Exception {
        var factory = pki.clientTls(pki.ca(), null).context().getSocketFactory();
        try (SSLSocket s = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static BigInteger serialOf(TestPki.Pair pair) {
        return TestPki.certificates(pair.cert()).get(0).getSerialNumber();
    }

    @Test
    void reloadOnSignalServesTheNewCertificateAndKeepsConnectedClients() throws Exception {
        try (TestBroker b = start();
                ClientKind.Connection before = ClientKind.HIVEMQ_V5.connect(
                        ClientKind.Target.of(Transport.TLS, b.port(0), pki.clientTls(pki.ca(), null)),
                        "before-reload")) {
            BigInteger old = servedSerial(b.port(0));
            TestPki.Pair renewed = pki.server();
            install(renewed);

            assertThat(b.broker().reloadCertificates()).isTrue();

            assertThat(servedSerial(b.port(0))).isEqualTo(serialOf(renewed)).isNotEqualTo(old);
            assertThat(before.isConnected()).isTrue();
            ClientKind.assertRoundTrip(before, "reload/still-here");
            assertThat(logs.awaitLine("TLS certificate of listener tls:" + b.port(0) + " reloaded from " + cert))
                    .contains("new connections use it, connected clients stay connected");
        }
    }

    @Test
    void changedFilesAreReloadedWithoutASignal() throws Exception {
        try (TestBroker b = start();
                ClientKind.Connection before = ClientKind.PAHO_V5.connect(
                        ClientKind.Target.of(Transport.TLS, b.port(0), pki.clientTls(pki.ca(), null)),
                        "before-change")) {
            TestPki.Pair renewed = pki.server();
            install(renewed);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> servedSerial(b.port(0)).equals(serialOf(renewed)));
            assertThat(before.isConnected()).isTrue();
            ClientKind.assertRoundTrip(before, "change/still-here");
        }
    }

    @Test
    void unusableFilesKeepThePreviousCertificate() throws Exception {
        try (TestBroker b = start()) {
            BigInteger old = servedSerial(b.port(0));
            Files.writeString(key, "not a key\n");

            assertThat(b.broker().reloadCertificates()).isFalse();

            assertThat(logs.awaitLine("WARN TLS certificate of listener tls:" + b.port(0) + " not reloaded"))
                    .contains("key file " + key + " is not a PEM file")
                    .endsWith("the previous certificate stays in use.");
            assertThat(servedSerial(b.port(0))).isEqualTo(old);
        }
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsNotLoaded() throws Exception {
        try (TestBroker b = start()) {
            BigInteger old = servedSerial(b.port(0));
            Files.copy(pki.server().key(), key, StandardCopyOption.REPLACE_EXISTING); // the key of another cert

            assertThat(b.broker().reloadCertificates()).isFalse();

            assertThat(logs.awaitLine("not reloaded"))
                    .contains("the key in " + key + " does not belong to the " + "certificate in " + cert);
            assertThat(servedSerial(b.port(0))).isEqualTo(old);
        }
    }
}

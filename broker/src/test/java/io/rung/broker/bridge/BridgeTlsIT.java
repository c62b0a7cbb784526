package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.FreePorts;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.config.BridgeConfig;
import io.rung.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bridges over TLS to mosquitto with a CA made at test time: trust, hostname checks, SNI, client certificates. */
class BridgeTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path shared;

    private static TestCa ca;

    @TempDir
    Path tmp;

    private RemoteMosquitto remote;

    @BeforeAll
    static void createCa() {
        ca = TestCa.create(shared.resolve("ca"));
    }

    @AfterEach
    void stopRemote() {
        if (remote != null) remote.close();
    }

    private BridgeConfig.BridgeTlsConfig tls(boolean clientCert, boolean verifyHostname, Optional<String> sni) {
        return new BridgeConfig.BridgeTlsConfig(
                Optional.of(ca.file("ca.crt")),
                clientCert ? Optional.of(ca.file("client.crt")) : Optional.empty(),
                clientCert ? Optional.of(ca.file("client-encrypted.key")) : Optional.empty(),
                clientCert ? Optional.of(new Secret(TestCa.KEY_PASSWORD)) : Optional.empty(),
                verifyHostname,
                sni);
    }

    private LocalRung bridge(String host, BridgeConfig.BridgeTlsConfig tls) throws Exception {
        return LocalRung.start(
                tmp.resolve("rung"),
                TestBridge.to("mqtts://" + host + ":" + remote.port()).tls(tls).build());
    }

    @Test
    void forwardsOverTlsWithAClientCertificateAndAnEncryptedKey() throws Exception {
        int plainPort = FreePorts.pick(); // a second, plain listener for the watching client
        List<String> settings = new ArrayList<>(ca.mosquittoListener(true));
        settings.add("listener " + plainPort + " 127.0.0.1");
        remote = RemoteMosquitto.start(tmp.resolve("remote"), settings);
        remote.awaitListening(plainPort);
        HiveMq5Client watcher = new HiveMq5Client(plainPort, "watcher");
        watcher.connect();
        watcher.subscribe("site-1/building-b/#", 1);
        try (LocalRung rung = bridge("localhost", tls(true, true, Optional.empty()))) {
            rung.awaitConnected();
            rung.client("publisher").publish("building-b/floor-5/temp", "21.5", 1);
            assertThat(watcher.awaitMessage("21.5").topic()).isEqualTo("site-1/building-b/floor-5/temp");
        } finally {
            watcher.close();
        }
    }

    @Test
    void withoutTheClientCertificateTheHandshakeFailsAndIsReported() throws Exception {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), ca.mosquittoListener(true));
        try (LocalRung rung = bridge("localhost", tls(false, true, Optional.empty()))) {
            await().atMost(WAIT).until(() -> rung.status().lastError().isPresent());
            assertThat(rung.status().lastError().get()).startsWith("TLS handshake failed: ");
            assertThat(rung.status().connected()).isFalse();
        }
    }

    @Test
    void serverCertificateFromAnUnknownCaIsRefused() throws Exception {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), ca.mosquittoListener(false));
        var systemCas = new BridgeConfig.BridgeTlsConfig(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());
        try (LocalRung rung = bridge("localhost", systemCas)) {
            await().atMost(WAIT).until(() -> rung.status().lastError().isPresent());
            assertThat(rung.status().lastError().get())
                    .isEqualTo(
                            "TLS handshake failed: the server certificate is not signed by a trusted CA (see tls.ca)");
        }
    }

    @Test
    void hostnameIsVerifiedAgainstTheSniName() throws Exception {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), ca.mosquittoListener(false));
        try (LocalRung rung = bridge("127.0.0.1", tls(false, true, Optional.of("broker.example")))) {
            await().atMost(WAIT).until(() -> rung.status().lastError().isPresent());
            assertThat(rung.status().lastError().get())
                    .startsWith("TLS handshake failed: the server certificate does not name this host");
        }
    }

    @Test
    void verifyHostnameFalseAcceptsACertificateForAnotherName() throws Exception {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), ca.mosquittoListener(false));
        try (LocalRung rung = bridge("127.0.0.1", tls(false, false, Optional.of("broker.example")))) {
            rung.awaitConnected();
        }
    }

    @Test
    void ipAddressInTheUrlIsCheckedAgainstTheCertificatesIpEntry() throws Exception {
        remote = RemoteMosquitto.start(tmp.resolve("remote"), ca.mosquittoListener(false));
        try (LocalRung rung = bridge("127.0.0.1", tls(false, true, Optional.empty()))) {
            rung.awaitConnected();
            assertThat(rung.status().url()).isEqualTo("mqtts://127.0.0.1:" + remote.port());
        }
    }
}

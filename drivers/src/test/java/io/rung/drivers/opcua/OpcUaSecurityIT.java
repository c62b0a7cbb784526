package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.NS;
import static io.rung.drivers.opcua.OpcUaTestSupport.device;
import static io.rung.drivers.opcua.OpcUaTestSupport.point;
import static io.rung.drivers.opcua.OpcUaTestSupport.secure;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.OpcUaConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Value;
import io.rung.drivers.sim.OpcUaSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure channels, logins and the certificate trust flows in both directions. */
class OpcUaSecurityIT {
    static final PointConfig LEVEL = point("level", NS + "s=Tank1.Level");
    static final PointConfig INTERLOCK =
            point("interlock", NS + "s=Tank1.Interlock").withWrite(true, Optional.empty(), Optional.empty());

    @TempDir
    Path dir;

    OpcUaSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) sim.close();
    }

    @Test
    void signAndEncryptWithUserNameLogin() throws Exception {
        startSimulator(true);
        trustSimulator();
        try (OpcUaDriver driver = driver(secure(
                sim.url(),
                Optional.of("Basic256Sha256"),
                Optional.of("operator"),
                Optional.of(OpcUaSimulator.DEFAULT_OPERATOR_PASSWORD),
                false))) {
            driver.connect().join();
            assertThat(driver.policyInUse()).contains("Basic256Sha256");
            assertThat(driver.read(List.of(address(LEVEL))).join().get(0).quality())
                    .isEqualTo(Quality.GOOD);
            driver.write(address(INTERLOCK), new Value.Bool(true)).join();
            assertThat(driver.read(List.of(address(INTERLOCK))).join().get(0).value())
                    .contains(new Value.Bool(true));
        }
    }

    @Test
    void strongestOfferedPolicyIsTheDefault() throws Exception {
        startSimulator(true);
        try (OpcUaDriver driver =
                driver(secure(sim.url(), Optional.empty(), Optional.empty(), Optional.empty(), true))) {
            driver.connect().join();
            assertThat(driver.policyInUse()).contains("Aes256_Sha256_RsaPss");
        }
    }

    @Test
    void clientCertificateIsCreatedOnceWithTheGatewayApplicationUri() throws Exception {
        startSimulator(true);
        OpcUaConfig config = secure(sim.url(), Optional.empty(), Optional.empty(), Optional.empty(), true);
        try (OpcUaDriver driver = driver(config)) {
            driver.connect().join();
        }
        Path cert = dir.resolve("pki/own/certs/rung.der");
        byte[] first = Files.readAllBytes(cert);
        X509Certificate x509 = CertificateUtil.decodeCertificate(first);
        assertThat(CertificateUtil.getSanUri(x509)).contains("urn:rung:edge-1");
        assertThat(CertificateUtil.getSanDnsNames(x509)).contains("localhost");
        try (OpcUaDriver driver = driver(config)) {
            driver.connect().join();
        }
        assertThat(Files.readAllBytes(cert)).isEqualTo(first);
    }

    @Test
    void untrustedServerCertificateIsSavedAndNamedUntilMovedToTrusted() throws Exception {
        startSimulator(true);
        OpcUaTestSupport.States states = new OpcUaTestSupport.States();
        try (OpcUaDriver driver =
                driver(secure(sim.url(), Optional.empty(), Optional.empty(), Optional.empty(), false))) {
            driver.onStateChange(states);
            Throwable failure = catchFailure(driver);
            Path rejectedDir = dir.resolve("pki/rejected").toAbsolutePath();
            List<Path> rejected;
            try (Stream<Path> files = Files.list(rejectedDir)) {
                rejected = files.toList();
            }
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).getFileName().toString())
                    .startsWith("rung-opc-ua-simulator-")
                    .endsWith(".der");
            Path trusted = dir.resolve("pki/trusted/certs").toAbsolutePath();
            assertThat(failure)
                    .hasMessage("server certificate of " + sim.url() + " is not trusted: it was saved as "
                            + rejected.get(0) + "; move it to " + trusted
                            + "/ to trust this server (or set trustAll: true"
                            + " while commissioning)");
            assertThat(states.last())
                    .contains(new DriverState(DriverState.State.REFUSED, Optional.of(failure.getMessage())));

            Files.move(rejected.get(0), trusted.resolve(rejected.get(0).getFileName()));
            driver.connect().join();
            assertThat(driver.read(List.of(address(LEVEL))).join().get(0).quality())
                    .isEqualTo(Quality.GOOD);
        }
    }

    @Test
    void serverRefusingRungsCertificateIsExplained() throws Exception {
        startSimulator(false);
        try (OpcUaDriver driver =
                driver(secure(sim.url(), Optional.empty(), Optional.empty(), Optional.empty(), true))) {
            Throwable failure = catchFailure(driver);
            Path own = dir.resolve("pki/own/certs/rung.der").toAbsolutePath();
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "server " + sim.url() + " refused Rung's certificate "
                                    + "(Bad_SecurityChecksFailed): trust " + own + " (from "
                                    + dir.resolve("pki/own").toAbsolutePath()
                                    + "/) on the server, usually by moving it from the server's rejected folder to its trusted folder");

            Path simRejected;
            try (Stream<Path> files = Files.list(dir.resolve("sim-pki/rejected"))) {
                simRejected = files.findFirst().orElseThrow();
            }
            Files.move(simRejected, dir.resolve("sim-pki/trusted/certs").resolve(simRejected.getFileName()));
            driver.connect().join();
            assertThat(driver.read(List.of(address(LEVEL))).join().get(0).quality())
                    .isEqualTo(Quality.GOOD);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithoutEchoingIt() throws Exception {
        startSimulator(true);
        try (OpcUaDriver driver = driver(secure(
                sim.url(),
                Optional.of("Basic256Sha256"),
                Optional.of("operator"),
                Optional.of("not-the-password"),
                true))) {
            Throwable failure = catchFailure(driver);
            assertThat(failure.getMessage())
                    .startsWith("server " + sim.url() + " refused the login as user 'operator'")
                    .endsWith(": check username and password")
                    .doesNotContain("not-the-password");
        }
    }

    @Test
    void x509UserIdentityLogsIn() throws Exception {
        startSimulator(true);
        OwnCertificate user = OwnCertificate.loadOrCreate(
                dir.resolve("user"), "operator", "urn:rung:test:operator", "operator", List.of("localhost"));
        OpcUaConfig config = OpcUaTestSupport.withUserCertificate(
                sim.url(), user.file(), dir.resolve("user/own/private/operator.pem"));
        try (OpcUaDriver driver = driver(config)) {
            driver.connect().join();
            driver.write(address(INTERLOCK), new Value.Bool(true)).join();
        }
    }

    @Test
    void missingEndpointListsWhatTheServerOffers() throws Exception {
        startSimulator(true);
        try (OpcUaDriver driver = driver(
                secure(sim.url(), Optional.of("Aes128_Sha256_RsaOaep"), Optional.empty(), Optional.empty(), true))) {
            assertThat(catchFailure(driver).getMessage())
                    .isEqualTo("server " + sim.url() + " offers no endpoint with"
                            + " security signAndEncrypt and policy Aes128_Sha256_RsaOaep and anonymous login; it offers: "
                            + "None none (anonymous, user name, certificate); Basic256Sha256 sign (anonymous, user name, "
                            + "certificate); Basic256Sha256 signAndEncrypt (anonymous, user name, certificate); "
                            + "Aes256_Sha256_RsaPss signAndEncrypt (anonymous, user name, certificate)");
        }
    }

    private void startSimulator(boolean trustAllClients) throws Exception {
        sim = new OpcUaSimulator(OpcUaSimulator.DEFAULT_OPERATOR_PASSWORD, trustAllClients);
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
    }

    private void trustSimulator() throws Exception {
        Path trusted = Files.createDirectories(dir.resolve("pki/trusted/certs"));
        Files.copy(dir.resolve("sim-pki/own/certs/rung-simulator.der"), trusted.resolve("rung-simulator.der"));
    }

    private OpcUaDriver driver(OpcUaConfig config) {
        return new OpcUaDriver(device(config, List.of(LEVEL, INTERLOCK)), dir.resolve("pki"), "edge-1");
    }

    private static Throwable catchFailure(OpcUaDriver driver) {
        try {
            driver.connect().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(DriverException.class);
            return e.getCause();
        }
        throw new AssertionError("connect succeeded but should have failed");
    }

    private static PointAddress address(PointConfig p) {
        return new PointAddress("tank", p);
    }
}

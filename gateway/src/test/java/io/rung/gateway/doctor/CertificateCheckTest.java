package io.rung.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.TlsConfig;
import io.rung.gateway.testing.TestCerts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate checks on files made by openssl: names, expiry, chain and key. */
class CertificateCheckTest {
    @TempDir
    Path dir;

    @Test
    void certificateCoveringPublicHostWithMatchingKeyPasses() throws Exception {
        TestCerts c = TestCerts.create(dir, "DNS:edge.example.com,IP:127.0.0.1");
        List<Finding> f = CertificateCheck.check(
                "tls", TlsConfig.of(c.cert(), c.key()), Optional.of("edge.example.com"), Clock.systemUTC());
        assertThat(f).noneMatch(x -> x.level() == Finding.Level.FAIL);
        assertThat(f).anyMatch(x -> x.text().equals("its names cover http.publicHost edge.example.com"));
        assertThat(f).anyMatch(x -> x.text().equals("the key belongs to the certificate"));
        assertThat(f).anyMatch(x -> x.text().contains("issued by CN=Rung Test CA: clients must trust that CA"));
    }

    @Test
    void publicHostMissingFromTheNamesFails() throws Exception {
        TestCerts c = TestCerts.create(dir, "DNS:localhost");
        List<Finding> f = CertificateCheck.check(
                "tls", TlsConfig.of(c.cert(), c.key()), Optional.of("203.0.113.7"), Clock.systemUTC());
        assertThat(f)
                .anyMatch(x -> x.level() == Finding.Level.FAIL
                        && x.text().equals("its names (DNS:localhost) do not cover http.publicHost 203.0.113.7"));
    }

    @Test
    void expiredAndSoonExpiringCertificatesAreFlagged() throws Exception {
        TestCerts c = TestCerts.create(dir);
        Clock in3days = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        assertThat(CertificateCheck.check("tls", TlsConfig.of(c.cert(), c.key()), Optional.empty(), in3days))
                .anyMatch(x -> x.level() == Finding.Level.FAIL && x.text().startsWith("the certificate expired on"));
        assertThat(CertificateCheck.check("tls", TlsConfig.of(c.cert(), c.key()), Optional.empty(), Clock.systemUTC()))
                .anyMatch(x -> x.level() == Finding.Level.WARN && x.text().startsWith("the certificate expires in"));
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        TestCerts a = TestCerts.create(dir.resolve("a"));
        TestCerts b = TestCerts.create(dir.resolve("b"));
        assertThat(CertificateCheck.check("tls", TlsConfig.of(a.cert(), b.key()), Optional.empty(), Clock.systemUTC()))
                .anyMatch(x -> x.level() == Finding.Level.FAIL && x.text().startsWith("the key does not belong"));
    }

    @Test
    void wildcardCoversOneLabelOnly() throws Exception {
        TestCerts c = TestCerts.create(dir, "DNS:*.example.com");
        var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(c.cert()));
        assertThat(Certificates.covers(cert, "edge.example.com")).isTrue();
        assertThat(Certificates.covers(cert, "a.edge.example.com")).isFalse();
        assertThat(Certificates.covers(cert, "example.com")).isFalse();
    }
}

package io.rung.broker.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PKI made with the {@code openssl} CLI at test time in a temporary folder (no key is ever committed):
 * a test CA and a second, unrelated CA; server certificates for localhost, 127.0.0.1 and ::1 (valid, expired, for
 * another host name); client certificates (valid, expired, from the other CA). EC P-256 keys, so it is fast.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir);
 * TlsConfig tls = TlsConfig.of(pki.server().cert(), pki.server().key());
 * SSLContext client = pki.clientContext(pki.ca(), null).context();
 * }</pre>
 */
public final class TestPki {
    private static final DateTimeFormatter OPENSSL_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<String> LOCAL_NAMES = List.of("DNS:localhost", "IP:127.0.0.1", "IP:::1");

    /** A certificate file and its key file. */
    public record Pair(Path cert, Path key) {}

    /** What a client needs for TLS: trust, optionally its own certificate, and the context made of both. */
    public record ClientTls(
            TrustManagerFactory trust, @Nullable KeyManagerFactory keys, SSLContext context) {}

    private final Path dir;
    private final Pair ca;
    private final Pair otherCa;
    private int serial;

    private TestPki(Path dir) {
        this.dir = dir;
        this.ca = makeCa("ca", "Rung Test CA");
        this.otherCa = makeCa("other-ca", "Unrelated Test CA");
    }

    public static TestPki create(Path dir) {
        return new TestPki(dir);
    }

    /** The test CA's certificate. */
    public Path ca() {
        return ca.cert();
    }

    /** A CA that signed nothing the broker uses. */
    public Path otherCa() {
        return otherCa.cert();
    }

    /** A server certificate for localhost, 127.0.0.1 and ::1, valid from yesterday for two days. */
    public Pair server() {
        return issue("server", "localhost", LOCAL_NAMES, false, false, validNow());
    }

    /** A server certificate for the local names that expired long ago. */
    public Pair expiredServer() {
        return issue("expired-server", "localhost", LOCAL_NAMES, false, false, expired());
    }

    /** A valid server certificate for another host: clients connecting to 127.0.0.1 must refuse it. */
    public Pair otherHostServer() {
        return issue("other-host", "other.example", List.of("DNS:other.example"), false, false, validNow());
    }

    /** A client certificate with CN {@code cn}, signed by the test CA. */
    public Pair client(String cn) {
        return issue("client-" + cn, cn, List.of(), true, false, validNow());
    }

    public Pair expiredClient(String cn) {
        return issue("expired-client-" + cn, cn, List.of(), true, false, expired());
    }

    /** A client certificate signed by the unrelated CA. */
    public Pair foreignClient(String cn) {
        return issue("foreign-client-" + cn, cn, List.of(), true, true, validNow());
    }

    /** TLS for a client that trusts {@code trustedCa} and shows {@code own} when given. */
    public ClientTls clientTls(Path trustedCa, @Nullable Pair own) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates(trustedCa)) trustStore.setCertificateEntry("ca" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            KeyManagerFactory kmf = null;
            if (own != null) {
                char[] pw = "test".toCharArray();
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry(
                        "me",
                        privateKey(own.key()),
                        pw,
                        certificates(own.cert()).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, pw);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new ClientTls(tmf, kmf, context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build client TLS from " + trustedCa, e);
        }
    }

    /** Runs openssl with these arguments in the PKI folder; fails with its output when it fails. */
    public void openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + cmd);
            }
            if (p.exitValue() != 0) throw new IllegalStateException(cmd + " failed:\n" + out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }

    public Path dir() {
        return dir;
    }

    private Pair makeCa(String name, String cn) {
        try {
            Path caDir = Files.createDirectories(dir.resolve(name + "-db/new"));
            Files.writeString(caDir.getParent().resolve("index.txt"), "");
            Files.writeString(caDir.getParent().resolve("serial"), "1000\n");
            String db = name + "-db"; // openssl ca resolves these against its working folder, the PKI folder
            Files.writeString(caDir.getParent().resolve("ca.cnf"), """
                    [ca]
                    default_ca = test
                    [test]
                    database = DB/index.txt
                    new_certs_dir = DB/new
                    serial = DB/serial
                    default_md = sha256
                    policy = any
                    unique_subject = no
                    [any]
                    commonName = supplied
                    """.replace("DB", db));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".crt",
                "-subj",
                "/CN=" + cn,
                "-days",
                "3",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return new Pair(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    /** Issues a leaf certificate valid over {@code validity} (start, end). */
    private Pair issue(
            String name, String cn, List<String> names, boolean client, boolean byOtherCa, Instant[] validity) {
        String file = name + "-" + (++serial);
        Pair issuer = byOtherCa ? otherCa : ca;
        String db = (byOtherCa ? "other-ca" : "ca") + "-db";
        StringBuilder ext = new StringBuilder("[leaf]\nbasicConstraints = CA:FALSE\n");
        ext.append("extendedKeyUsage = ")
                .append(client ? "clientAuth" : "serverAuth")
                .append('\n');
        if (!names.isEmpty())
            ext.append("subjectAltName = ").append(String.join(",", names)).append('\n');
        try {
            Files.writeString(dir.resolve(file + ".ext"), ext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                file + ".key",
                "-out",
                file + ".csr",
                "-subj",
                "/CN=" + cn);
        openssl(
                "ca",
                "-batch",
                "-config",
                db + "/ca.cnf",
                "-cert",
                issuer.cert().toString(),
                "-keyfile",
                issuer.key().toString(),
                "-in",
                file + ".csr",
                "-out",
                file + ".crt",
                "-notext",
                "-startdate",
                OPENSSL_TIME.format(validity[0]),
                "-enddate",
                OPENSSL_TIME.format(validity[1]),
                "-extfile",
                file + ".ext",
                "-extensions",
                "leaf");
        return new Pair(dir.resolve(file + ".crt"), dir.resolve(file + ".key"));
    }

    private static Instant[] validNow() {
        Instant now = Instant.now();
        return new Instant[] {now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))};
    }

    private static Instant[] expired() {
        Instant now = Instant.now();
        return new Instant[] {now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(2))};
    }

    public static List<X509Certificate> certificates(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificates from " + pem, e);
        }
    }

    /** An unencrypted PKCS#8 key, as {@code openssl req -nodes} writes it. */
    static PrivateKey privateKey(Path pem) {
        try {
            String text = Files.readString(pem);
            String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read key " + pem, e);
        }
    }
}

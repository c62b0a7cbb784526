package io.rung.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and a server certificate signed by it, made with the {@code openssl} command (EC P-256, PEM, PKCS#8):
 * {@code ca.crt}, {@code server.crt} (SAN {@code DNS:localhost, IP:127.0.0.1} unless given) and {@code server.key}.
 */
public record TestCerts(Path ca, Path cert, Path key) {
    public static TestCerts create(Path dir) throws IOException, InterruptedException {
        return create(dir, "DNS:localhost,IP:127.0.0.1");
    }

    public static TestCerts create(Path dir, String subjectAltName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.crt");
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=" + subjectAltName + "\nbasicConstraints=CA:FALSE\n");
        run(
                dir,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                caKey.toString(),
                "-out",
                ca.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=Rung Test CA");
        run(
                dir,
                "openssl",
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=localhost");
        run(
                dir,
                "openssl",
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                ca.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-extfile",
                ext.toString());
        return new TestCerts(ca, cert, key);
    }

    /** An SSL context that trusts only the test CA. */
    public SSLContext trustingCa() throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, caTrust().getTrustManagers(), null);
        return ctx;
    }

    /** Trust managers that trust only the test CA. */
    public TrustManagerFactory caTrust() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            store.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}

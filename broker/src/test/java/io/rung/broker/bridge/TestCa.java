package io.rung.broker.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with {@code openssl} at test time (EC P-256, valid 2 days): a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, and a client certificate whose key is also stored
 * encrypted with {@link #KEY_PASSWORD}. Nothing of it is committed.
 */
final class TestCa {
    static final String KEY_PASSWORD = "key-pw-for-tests";

    final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCa ca = new TestCa(dir);
            ca.openssl(
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Rung Test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign");
            ca.issue(
                    "server",
                    "/CN=localhost",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            ca.issue("client", "/CN=rung-bridge", "extendedKeyUsage=clientAuth\n");
            ca.openssl(
                    "pkcs8",
                    "-topk8",
                    "-in",
                    "client.key",
                    "-out",
                    "client-encrypted.key",
                    "-passout",
                    "pass:" + KEY_PASSWORD);
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test CA in " + dir, e);
        }
    }

    private void issue(String name, String subject, String extensions) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl(
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                subject);
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".crt",
                "-days",
                "2",
                "-extfile",
                name + ".ext");
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** mosquitto listener settings: this CA's server certificate, client certificates required or not. */
    List<String> mosquittoListener(boolean requireClientCertificate) {
        return List.of(
                "allow_anonymous true",
                "cafile " + file("ca.crt"),
                "certfile " + file("server.crt"),
                "keyfile " + file("server.key"),
                "require_certificate " + requireClientCertificate);
    }
}

package io.rung.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.broker.listener.TlsException;
import io.rung.broker.listener.TlsFiles;
import io.rung.config.Secret;
import io.rung.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key and certificate files a TLS listener accepts, and the messages for those it cannot use. */
class TlsFilesTest {
    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki.Pair server;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir);
        server = pki.server();
    }

    static TlsConfig config(Path cert, Path key, String password) {
        return new TlsConfig(cert, key, Optional.ofNullable(password).map(Secret::new), Optional.empty(), false);
    }

    @Test
    void pkcs8KeyAsOpensslAndLetsEncryptWriteIt() throws Exception {
        assertThat(Files.readString(server.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TlsFiles.check(TlsConfig.of(server.cert(), server.key())))
                .startsWith("for localhost, 127.0.0.1, 0:0:0:0:0:0:0:1, issued by 'Rung Test CA', valid ");
    }

    @Test
    void pkcs1RsaKey() throws Exception {
        pki.openssl("genrsa", "-traditional", "-out", "rsa1.key", "2048");
        pki.openssl("req", "-x509", "-key", "rsa1.key", "-out", "rsa1.crt", "-subj", "/CN=rsa.example", "-days", "2");
        assertThat(Files.readString(dir.resolve("rsa1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(TlsFiles.check(TlsConfig.of(dir.resolve("rsa1.crt"), dir.resolve("rsa1.key"))))
                .startsWith("for rsa.example, issued by 'rsa.example'");
    }

    @Test
    void sec1EcKey() throws Exception {
        pki.openssl("ec", "-in", server.key().toString(), "-out", "sec1.key");
        assertThat(Files.readString(dir.resolve("sec1.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(TlsFiles.check(TlsConfig.of(server.cert(), dir.resolve("sec1.key"))))
                .startsWith("for localhost");
    }

    @Test
    void encryptedPkcs8KeyWithKeyPassword() throws Exception {
        pki.openssl("pkcs8", "-topk8", "-in", server.key().toString(), "-out", "enc.key", "-passout", "pass:k3y-pw");
        assertThat(Files.readString(dir.resolve("enc.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(TlsFiles.check(config(server.cert(), dir.resolve("enc.key"), "k3y-pw")))
                .startsWith("for localhost");
        assertThatThrownBy(() -> TlsFiles.check(config(server.cert(), dir.resolve("enc.key"), "wrong")))
                .isInstanceOf(TlsException.class)
                .hasMessage("key file " + dir.resolve("enc.key") + " cannot be decrypted: wrong keyPassword")
                .hasMessageNotContaining("wrong\"");
        assertThatThrownBy(() -> TlsFiles.check(config(server.cert(), dir.resolve("enc.key"), null)))
                .hasMessage("key file " + dir.resolve("enc.key") + " is encrypted, but no keyPassword is set");
    }

    @Test
    void oldOpensslEncryptionIsExplained() throws Exception {
        pki.openssl("ec", "-in", server.key().toString(), "-out", "legacy.key", "-aes256", "-passout", "pass:x");
        assertThat(Files.readString(dir.resolve("legacy.key"))).contains("Proc-Type: 4,ENCRYPTED");
        assertThatThrownBy(() -> TlsFiles.check(config(server.cert(), dir.resolve("legacy.key"), "x")))
                .hasMessageStartingWith("key file " + dir.resolve("legacy.key") + " uses OpenSSL's old PEM "
                        + "encryption, which is not supported; convert it: openssl pkcs8 -topk8");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        TestPki.Pair other = pki.client("someone");
        assertThatThrownBy(() -> TlsFiles.check(TlsConfig.of(server.cert(), other.key())))
                .hasMessage("the key in " + other.key() + " does not belong to the certificate in " + server.cert()
                        + " (CN=localhost)");
    }

    @Test
    void missingAndWrongFilesAreNamed() throws Exception {
        Path missing = dir.resolve("nothing.pem");
        assertThatThrownBy(() -> TlsFiles.check(TlsConfig.of(missing, server.key())))
                .hasMessage("certificate file " + missing + " does not exist");
        assertThatThrownBy(() -> TlsFiles.check(TlsConfig.of(server.key(), server.key())))
                .hasMessage("certificate file " + server.key() + " holds no certificate (expected -----BEGIN "
                        + "CERTIFICATE-----)");
        assertThatThrownBy(() -> TlsFiles.check(TlsConfig.of(server.cert(), server.cert())))
                .hasMessage("key file " + server.cert() + " holds no private key (expected -----BEGIN PRIVATE "
                        + "KEY-----)");
        Path text = Files.writeString(dir.resolve("text.pem"), "hello\n");
        assertThatThrownBy(() -> TlsFiles.check(TlsConfig.of(text, server.key())))
                .hasMessage("certificate file " + text + " is not a PEM file (no -----BEGIN ...----- line found)");
    }

    @Test
    void fullChainFileWithIntermediatesIsAccepted() throws Exception {
        Path chain = dir.resolve("fullchain.pem");
        Files.writeString(chain, Files.readString(server.cert()) + Files.readString(pki.ca()));
        assertThat(TlsFiles.check(TlsConfig.of(chain, server.key()))).startsWith("for localhost");
    }
}

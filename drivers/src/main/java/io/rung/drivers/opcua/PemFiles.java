package io.rung.drivers.opcua;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;

/** Reads and writes certificates (DER or PEM) and unencrypted private keys (PKCS#8 or PKCS#1 PEM). */
public final class PemFiles {
    private PemFiles() {}

    /** The certificates in a DER or PEM file, leaf first. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            List<X509Certificate> certs = CertificateUtil.decodeCertificates(Files.readAllBytes(file));
            if (certs.isEmpty()) throw new IOException(file + " holds no certificate");
            return certs;
        } catch (UaException e) {
            throw new IOException(file + " is not a DER or PEM certificate", e);
        }
    }

    /** An unencrypted private key from a PEM file ({@code BEGIN PRIVATE KEY} or {@code BEGIN RSA PRIVATE KEY}). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            if (o instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
            throw new IOException(
                    file + " is not an unencrypted PEM private key (BEGIN PRIVATE KEY or BEGIN RSA " + "PRIVATE KEY)");
        }
    }

    /** Writes a certificate as DER. */
    static void writeDer(Path file, X509Certificate certificate) throws IOException {
        try {
            Files.write(file, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode certificate for " + file, e);
        }
    }

    /** Writes a private key as PKCS#8 PEM, readable only by the owner where the file system allows. */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot replace " + file, e);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}

package io.rung.drivers.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.security.TrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust list in a PKI folder, read afresh on every check so that a certificate moved into
 * {@code trusted/certs/} counts at the next connect: {@code trusted/certs}, {@code trusted/crl},
 * {@code issuers/certs}, {@code issuers/crl}. Files that are not certificates are skipped with a warning.
 */
public final class TrustFolder implements TrustListManager {
    private static final Logger LOG = LoggerFactory.getLogger(TrustFolder.class);

    private final Path trustedCerts;
    private final Path trustedCrls;
    private final Path issuerCerts;
    private final Path issuerCrls;

    /** Creates the four folders under {@code pkiDir} if missing. */
    public TrustFolder(Path pkiDir) throws IOException {
        this.trustedCerts = Files.createDirectories(pkiDir.resolve("trusted").resolve("certs"));
        this.trustedCrls = Files.createDirectories(pkiDir.resolve("trusted").resolve("crl"));
        this.issuerCerts = Files.createDirectories(pkiDir.resolve("issuers").resolve("certs"));
        this.issuerCrls = Files.createDirectories(pkiDir.resolve("issuers").resolve("crl"));
    }

    public Path trustedCertsDir() {
        return trustedCerts;
    }

    @Override
    public List<X509Certificate> getTrustedCertificates() {
        return certificates(trustedCerts);
    }

    @Override
    public List<X509Certificate> getIssuerCertificates() {
        return certificates(issuerCerts);
    }

    @Override
    public List<X509CRL> getTrustedCrls() {
        return crls(trustedCrls);
    }

    @Override
    public List<X509CRL> getIssuerCrls() {
        return crls(issuerCrls);
    }

    @Override
    public void setTrustedCertificates(List<X509Certificate> certificates) {
        replace(trustedCerts, certificates);
    }

    @Override
    public void setIssuerCertificates(List<X509Certificate> certificates) {
        replace(issuerCerts, certificates);
    }

    @Override
    public void setTrustedCrls(List<X509CRL> crls) {
        replaceCrls(trustedCrls, crls);
    }

    @Override
    public void setIssuerCrls(List<X509CRL> crls) {
        replaceCrls(issuerCrls, crls);
    }

    @Override
    public void addTrustedCertificate(X509Certificate certificate) {
        add(trustedCerts, certificate);
    }

    @Override
    public void addIssuerCertificate(X509Certificate certificate) {
        add(issuerCerts, certificate);
    }

    @Override
    public boolean removeTrustedCertificate(ByteString thumbprint) {
        return remove(trustedCerts, thumbprint);
    }

    @Override
    public boolean removeIssuerCertificate(ByteString thumbprint) {
        return remove(issuerCerts, thumbprint);
    }

    @Override
    public DateTime getLastUpdateTime() {
        return DateTime.now();
    }

    private static List<X509Certificate> certificates(Path dir) {
        List<X509Certificate> out = new ArrayList<>();
        for (Path file : files(dir)) {
            try {
                out.addAll(PemFiles.readCertificates(file));
            } catch (IOException e) {
                LOG.warn("Skipping {}: {}", file, e.getMessage());
            }
        }
        return out;
    }

    private static List<X509CRL> crls(Path dir) {
        List<X509CRL> out = new ArrayList<>();
        for (Path file : files(dir)) {
            try (InputStream in = Files.newInputStream(file)) {
                for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) out.add((X509CRL) crl);
            } catch (IOException | CertificateException | CRLException e) {
                LOG.warn("Skipping {}: not a certificate revocation list ({})", file, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> files(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) if (Files.isRegularFile(p)) out.add(p);
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static void replace(Path dir, List<X509Certificate> certificates) {
        for (Path file : files(dir)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", file, e.getMessage());
            }
        }
        certificates.forEach(c -> add(dir, c));
    }

    private static void replaceCrls(Path dir, List<X509CRL> crls) {
        for (Path file : files(dir)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", file, e.getMessage());
            }
        }
        for (X509CRL crl : crls) {
            try {
                Files.write(dir.resolve(Integer.toHexString(crl.hashCode()) + ".crl"), crl.getEncoded());
            } catch (IOException | CRLException e) {
                LOG.warn("Cannot write a revocation list into {}: {}", dir, e.getMessage());
            }
        }
    }

    private static void add(Path dir, X509Certificate certificate) {
        try {
            PemFiles.writeDer(dir.resolve(RejectedFolder.fileName(certificate)), certificate);
        } catch (IOException e) {
            LOG.warn("Cannot write a certificate into {}: {}", dir, e.getMessage());
        }
    }

    private static boolean remove(Path dir, ByteString thumbprint) {
        for (Path file : files(dir)) {
            try {
                for (X509Certificate c : PemFiles.readCertificates(file)) {
                    if (CertificateUtil.thumbprint(c).equals(thumbprint)) {
                        Files.delete(file);
                        return true;
                    }
                }
            } catch (IOException | org.eclipse.milo.opcua.stack.core.UaException e) {
                LOG.warn("Cannot check {}: {}", file, e.getMessage());
            }
        }
        return false;
    }
}

package io.rung.drivers.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application instance certificate kept in a PKI folder as {@code own/certs/NAME.der} and
 * {@code own/private/NAME.pem}: created on first use (RSA 2048, SHA-256, 5 years, application URI and host names in
 * the subject alternative name) and reused afterwards. A certificate whose application URI no longer matches, or
 * that expired, is replaced.
 *
 * @param certificate the certificate, to be trusted by the other side
 * @param file where the certificate is, for messages
 */
public record OwnCertificate(KeyPair keyPair, X509Certificate certificate, Path file) {
    private static final Logger LOG = LoggerFactory.getLogger(OwnCertificate.class);

    /**
     * Loads the certificate named {@code name} under {@code pkiDir/own/}, or creates it. Synchronised: several
     * devices of one gateway share the folder and start at once, and must not write a certificate and a key that
     * do not belong together.
     */
    public static synchronized OwnCertificate loadOrCreate(
            Path pkiDir, String name, String applicationUri, String commonName, Collection<String> hostNames)
            throws IOException {
        Path certFile = pkiDir.resolve("own").resolve("certs").resolve(name + ".der");
        Path keyFile = pkiDir.resolve("own").resolve("private").resolve(name + ".pem");
        Files.createDirectories(certFile.getParent());
        Files.createDirectories(keyFile.getParent());
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            Optional<String> problem = unusable(cert, applicationUri);
            if (problem.isEmpty()) return new OwnCertificate(new KeyPair(cert.getPublicKey(), key), cert, certFile);
            LOG.info("Certificate {} {}; creating a new one.", certFile, problem.get());
        }
        try {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName(commonName)
                    .setOrganization("Rung")
                    .setApplicationUri(applicationUri)
                    .setValidityPeriod(Period.ofYears(5));
            for (String host : hostNames) {
                if (isIpAddress(host)) builder.addIpAddress(host);
                else builder.addDnsName(host);
            }
            X509Certificate cert = builder.build();
            PemFiles.writeDer(certFile, cert);
            PemFiles.writePrivateKey(keyFile, keyPair.getPrivate());
            LOG.info("Created certificate {} for {} (host names {}).", certFile, applicationUri, hostNames);
            return new OwnCertificate(keyPair, cert, certFile);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot create a certificate in " + certFile.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificate named {@code name} under {@code pkiDir/own/} if it exists and is valid now, whatever its
     * application URI: {@code rung browse} uses the gateway's certificate as it is, so that a server which already
     * trusts the gateway accepts the browser too, and the gateway's certificate is never replaced by a browse.
     */
    public static synchronized Optional<OwnCertificate> loadValid(Path pkiDir, String name) throws IOException {
        Path certFile = pkiDir.resolve("own").resolve("certs").resolve(name + ".der");
        Path keyFile = pkiDir.resolve("own").resolve("private").resolve(name + ".pem");
        if (!Files.exists(certFile) || !Files.exists(keyFile)) return Optional.empty();
        X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
        Optional<String> uri = CertificateUtil.getSanUri(cert);
        if (uri.isEmpty() || unusable(cert, uri.get()).isPresent()) return Optional.empty();
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        return Optional.of(new OwnCertificate(new KeyPair(cert.getPublicKey(), key), cert, certFile));
    }

    /** The application URI in the certificate's subject alternative name. */
    public Optional<String> applicationUri() {
        return CertificateUtil.getSanUri(certificate);
    }

    private static Optional<String> unusable(X509Certificate cert, String applicationUri) {
        Optional<String> uri = CertificateUtil.getSanUri(cert);
        if (!uri.equals(Optional.of(applicationUri))) {
            return Optional.of("has application uri " + uri.orElse("(none)") + " instead of " + applicationUri);
        }
        try {
            cert.checkValidity();
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("has expired");
        } catch (CertificateNotYetValidException e) {
            return Optional.of("is not valid yet");
        }
    }

    /** The host names to put in a certificate: the given ones plus this machine's name and localhost. */
    public static List<String> hostNames(String... extra) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String e : extra) if (!e.isBlank()) names.add(e);
        try {
            names.add(java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.net.UnknownHostException e) {
            LOG.debug("Local host name unknown; certificate gets localhost only", e);
        }
        names.add("localhost");
        names.add("127.0.0.1");
        return List.copyOf(names);
    }

    private static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}

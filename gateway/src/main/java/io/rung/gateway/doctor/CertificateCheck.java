package io.rung.gateway.doctor;

import io.rung.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks the PEM files of a TLS listener the way clients will meet them: expiry, the chain's order and signatures,
 * whether the key belongs to the certificate, and whether the names cover the host clients use.
 */
public final class CertificateCheck {
    /** Certificates expiring sooner than this are a warning. */
    static final Duration SOON = Duration.ofDays(30);

    private CertificateCheck() {}

    public static List<Finding> check(String subject, TlsConfig tls, Optional<String> publicHost, Clock clock) {
        List<Finding> out = new ArrayList<>();
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(tls.cert())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
        } catch (IOException | GeneralSecurityException e) {
            out.add(Finding.fail(
                    subject,
                    "cannot read certificate " + tls.cert() + ": " + e.getMessage(),
                    "point tls.cert at a PEM file with the server certificate first, then its intermediates"));
            return out;
        }
        if (chain.isEmpty()) {
            out.add(Finding.fail(subject, tls.cert() + " holds no certificate", "put the PEM certificate there"));
            return out;
        }
        X509Certificate leaf = chain.get(0);
        out.add(Finding.info(subject, Certificates.describe(leaf)));
        expiry(subject, leaf, clock.instant(), out);
        chain(subject, chain, out);
        key(subject, tls, leaf, out);
        names(subject, leaf, publicHost, out);
        return out;
    }

    private static void expiry(String subject, X509Certificate leaf, Instant now, List<Finding> out) {
        Instant end = leaf.getNotAfter().toInstant();
        if (now.isAfter(end)) {
            out.add(Finding.fail(subject, "the certificate expired on " + end, "renew it and restart Rung"));
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            out.add(Finding.fail(
                    subject,
                    "the certificate is valid only from " + leaf.getNotBefore().toInstant(),
                    "check this machine's clock"));
        } else if (now.plus(SOON).isAfter(end)) {
            out.add(Finding.warn(
                    subject,
                    "the certificate expires in " + Duration.between(now, end).toDays() + " days (" + end + ")",
                    "renew it soon"));
        } else {
            out.add(Finding.ok(
                    subject, "valid for " + Duration.between(now, end).toDays() + " more days"));
        }
    }

    private static void chain(String subject, List<X509Certificate> chain, List<Finding> out) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            try {
                c.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                out.add(Finding.fail(
                        subject,
                        "certificate " + (i + 1) + " in the file is not signed by certificate " + (i + 2) + " ("
                                + issuer.getSubjectX500Principal().getName() + ")",
                        "order the file: server certificate first, then each issuer"));
                return;
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
        if (chain.size() == 1 && selfSigned) {
            out.add(
                    Finding.warn(
                            subject,
                            "the certificate is self-signed",
                            "clients (phones too) must trust this "
                                    + "exact certificate; a certificate from a CA (your own or a public one) is easier to manage"));
        } else if (!selfSigned) {
            out.add(
                    Finding.info(
                            subject,
                            "issued by " + last.getIssuerX500Principal().getName()
                                    + ": clients must trust that CA (public CAs are trusted already; give your own CA's ca.crt to the clients)"));
        }
    }

    private static void key(String subject, TlsConfig tls, X509Certificate leaf, List<Finding> out) {
        Optional<PrivateKey> key;
        try {
            key = pkcs8(tls.key(), leaf.getPublicKey().getAlgorithm());
        } catch (IOException e) {
            out.add(Finding.fail(
                    subject,
                    "cannot read key " + tls.key() + ": " + e.getMessage(),
                    "point tls.key at the PEM private key of the certificate"));
            return;
        }
        if (key.isEmpty()) {
            out.add(Finding.info(subject, "the key is encrypted or not PKCS#8; not compared with the certificate"));
            return;
        }
        try {
            String algorithm = leaf.getPublicKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "rung doctor".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key.get());
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(leaf.getPublicKey());
            verify.update(probe);
            if (verify.verify(signature)) out.add(Finding.ok(subject, "the key belongs to the certificate"));
            else
                out.add(Finding.fail(
                        subject, "the key does not belong to the certificate", "pair tls.key with tls.cert"));
        } catch (GeneralSecurityException e) {
            out.add(Finding.fail(
                    subject,
                    "the key does not belong to the certificate (" + e.getMessage() + ")",
                    "pair tls.key with tls.cert"));
        }
    }

    private static void names(String subject, X509Certificate leaf, Optional<String> publicHost, List<Finding> out) {
        List<String> names = Certificates.subjectAltNames(leaf);
        if (names.isEmpty()) {
            out.add(Finding.fail(
                    subject,
                    "the certificate has no subjectAltName",
                    "clients check names only there: " + "issue it with subjectAltName=DNS:your.host (or IP:…)"));
        } else if (publicHost.isPresent()) {
            if (Certificates.covers(leaf, publicHost.get())) {
                out.add(Finding.ok(subject, "its names cover http.publicHost " + publicHost.get()));
            } else {
                out.add(Finding.fail(
                        subject,
                        "its names (" + String.join(", ", names) + ") do not cover http.publicHost " + publicHost.get(),
                        "issue a certificate that includes " + publicHost.get()));
            }
        } else {
            out.add(Finding.info(subject, "clients must connect with one of: " + String.join(", ", names)));
        }
    }

    /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}); empty for other formats. */
    private static Optional<PrivateKey> pkcs8(Path file, String algorithm) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int start = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) return Optional.empty();
        String body = pem.substring(start + "-----BEGIN PRIVATE KEY-----".length(), end)
                .replaceAll("\\s", "");
        try {
            return Optional.of(KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not a " + algorithm + " PKCS#8 key: " + e.getMessage(), e);
        }
    }
}

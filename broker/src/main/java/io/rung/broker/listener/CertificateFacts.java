package io.rung.broker.listener;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** What log lines say about a certificate: its host names, common name, issuer and validity, in plain words. */
final class CertificateFacts {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateFacts() {}

    /** The {@code CN} of a distinguished name, if it has one. */
    static Optional<String> commonName(X500Principal principal) {
        try {
            LdapName name = new LdapName(principal.getName(X500Principal.RFC2253));
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN"))
                    return Optional.of(rdn.getValue().toString());
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** The DNS names and IP addresses the certificate is valid for (subject alternative names, else its CN). */
    static List<String> hostNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == DNS_NAME || type == IP_ADDRESS) names.add(String.valueOf(san.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable subject alternative names)");
        }
        if (names.isEmpty()) commonName(cert.getSubjectX500Principal()).ifPresent(names::add);
        return names;
    }

    static String time(Instant t) {
        return DAY.format(t);
    }

    static boolean expired(X509Certificate cert, Instant now) {
        return cert.getNotAfter().toInstant().isBefore(now);
    }

    static boolean notYetValid(X509Certificate cert, Instant now) {
        return cert.getNotBefore().toInstant().isAfter(now);
    }

    /** {@code for localhost, 127.0.0.1, issued by 'Rung Test CA', valid until 2027-01-01 00:00 UTC}. */
    static String summary(X509Certificate cert) {
        String issuer = commonName(cert.getIssuerX500Principal())
                .orElse(cert.getIssuerX500Principal().getName());
        return "for " + String.join(", ", hostNames(cert)) + ", issued by '" + issuer + "', valid "
                + time(cert.getNotBefore().toInstant()) + " to "
                + time(cert.getNotAfter().toInstant());
    }
}

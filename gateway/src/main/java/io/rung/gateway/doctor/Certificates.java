package io.rung.gateway.doctor;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Plain-words descriptions of X.509 certificates for the doctor's messages. */
final class Certificates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Certificates() {}

    /** Such as {@code certificate for DNS:localhost, IP:127.0.0.1, valid until 2026-11-30, issued by CN=Test CA}. */
    static String describe(X509Certificate c) {
        List<String> names = subjectAltNames(c);
        return "certificate for "
                + (names.isEmpty()
                        ? c.getSubjectX500Principal().getName() + " (no subjectAltName)"
                        : String.join(", ", names))
                + ", valid until " + DAY.format(c.getNotAfter().toInstant())
                + ", issued by " + c.getIssuerX500Principal().getName();
    }

    /** The subjectAltName entries as {@code DNS:name} and {@code IP:address}. */
    static List<String> subjectAltNames(X509Certificate c) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = c.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names;
        }
        if (sans == null) return names;
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            if (type == 2) names.add("DNS:" + san.get(1));
            if (type == 7) names.add("IP:" + san.get(1));
        }
        return names;
    }

    /** True when a subjectAltName covers {@code host} (one leading {@code *.} label matches one label). */
    static boolean covers(X509Certificate c, String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String san : subjectAltNames(c)) {
            String value = san.substring(san.indexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
            if (san.startsWith("IP:") && IpText.same(value, h)) return true;
            if (!san.startsWith("DNS:")) continue;
            if (value.equals(h)) return true;
            if (value.startsWith("*.")
                    && h.endsWith(value.substring(1))
                    && h.indexOf('.') == h.length() - value.length() + 1) {
                return true;
            }
        }
        return false;
    }
}

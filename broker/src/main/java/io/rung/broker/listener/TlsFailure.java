package io.rung.broker.listener;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed TLS handshake into plain words for the refusal log: who gave up (the client sends an alert, the
 * broker finds fault with the client), why, and what to check. The facts about the server certificate are added
 * where the client rejected it, since only the client knows which of its checks failed.
 */
final class TlsFailure {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Pattern VERSION = Pattern.compile("protocol (TLSv1(?:\\.1)?|SSLv3)");

    private TlsFailure() {}

    static String describe(Throwable cause, ReloadableTlsContext tls) {
        return "TLS handshake failed: " + reason(cause, tls, Instant.now());
    }

    static String reason(Throwable cause, ReloadableTlsContext tls, Instant now) {
        X509Certificate server = tls.certificate();
        String messages = messages(cause);
        if (find(cause, SslHandshakeTimeoutException.class) != null) {
            return "the client did not finish the handshake within 10 s";
        }
        if (find(cause, NotSslRecordException.class) != null) {
            return "the client did not speak TLS";
        }
        Matcher alert = ALERT.matcher(messages);
        if (alert.find()) return clientAlert(alert.group(1), server, now);
        String lower = messages.toLowerCase(Locale.ROOT);
        if (lower.contains("empty client certificate chain") || lower.contains("null cert chain")) {
            return "the client sent no certificate, but this listener requires one (mutual TLS, clientCa is set): "
                    + "give the client a certificate and key signed by " + caName(tls) + " (a client whose "
                    + "certificate is signed by another CA sends none)";
        }
        CertificateExpiredException expired = find(cause, CertificateExpiredException.class);
        if (expired != null || lower.contains("validity check failed")) {
            return "the client certificate has expired" + (expired != null ? " (" + expired.getMessage() + ")" : "")
                    + ": give the client a new certificate signed by " + caName(tls);
        }
        if (find(cause, CertificateNotYetValidException.class) != null) {
            return "the client certificate is not valid yet: check the clocks of the client and the broker";
        }
        if (lower.contains("pkix path") || lower.contains("certification path") || lower.contains("signature check")) {
            return "the client certificate is not trusted: it is not signed by the clientCa of this listener ("
                    + caName(tls) + ")";
        }
        if (lower.contains("not enabled or supported") || lower.contains("no appropriate protocol")) {
            Matcher v = VERSION.matcher(messages);
            return "the client offers only " + (v.find() ? v.group(1) : "TLS versions") + ", which is too old: Rung "
                    + "accepts TLS 1.2 and 1.3; update the client or turn TLS 1.2 on in it";
        }
        if (lower.contains("no cipher suites in common")) {
            return "the client and the broker share no cipher suite; update the client";
        }
        if (lower.contains("aead cipher fragment (2)")) {
            // TLS 1.3: OpenSSL clients (mosquitto_pub, Python, Node) send their alert unencrypted, 2 bytes
            return "the client ended the handshake with an alert after it received the server certificate (OpenSSL "
                    + "clients do so when they do not trust the CA, the host name they connect to is not one the "
                    + "certificate names, or it has expired; the server certificate is "
                    + CertificateFacts.summary(server)
                    + (CertificateFacts.expired(server, now) ? " and has EXPIRED" : "")
                    + ")";
        }
        if (find(cause, ClosedChannelException.class) != null
                || lower.contains("connection closed")
                || lower.contains("closed while")) {
            return "the client closed the connection during the handshake (clients that reject the server "
                    + "certificate may do so without saying why; the server certificate is "
                    + CertificateFacts.summary(server) + ")";
        }
        return messages.isEmpty() ? cause.getClass().getSimpleName() : messages;
    }

    /** The client ended the handshake with an alert: it found fault with the server certificate, or the version. */
    private static String clientAlert(String alert, X509Certificate server, Instant now) {
        String facts = "the server certificate is " + CertificateFacts.summary(server)
                + (CertificateFacts.expired(server, now) ? " and has EXPIRED" : "");
        return switch (alert) {
            case "unknown_ca" ->
                "the client does not trust the CA that signed the server certificate (alert unknown_ca): "
                        + "give the client the CA certificate (" + facts + ")";
            case "certificate_expired" ->
                "the client says the server certificate has expired (alert "
                        + "certificate_expired): renew it, or check the client's clock (" + facts + ")";
            case "certificate_unknown", "bad_certificate", "unsupported_certificate" ->
                "the client rejected the "
                        + "server certificate (alert " + alert
                        + "): it does not trust the CA, the host name it connects "
                        + "to is not one the certificate names, or the certificate has expired (" + facts + ")";
            case "protocol_version" -> "the client does not accept TLS 1.2 or 1.3 (alert protocol_version)";
            case "handshake_failure", "insufficient_security" ->
                "the client and the broker share no TLS version " + "or cipher suite (alert " + alert + ")";
            default -> "the client ended the handshake with alert " + alert;
        };
    }

    private static String caName(ReloadableTlsContext tls) {
        if (tls.clientCas().isEmpty()) return "the clientCa";
        return "'"
                + CertificateFacts.commonName(tls.clientCas().get(0).getSubjectX500Principal())
                        .orElse(tls.clientCas().get(0).getSubjectX500Principal().getName())
                + "'";
    }

    private static String messages(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                if (sb.length() > 0) sb.append(": ");
                sb.append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private static <T extends Throwable> @Nullable T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}

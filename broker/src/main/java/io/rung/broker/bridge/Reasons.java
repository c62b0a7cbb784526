package io.rung.broker.bridge;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Plain words for what went wrong with a remote: connection failures, CONNACK codes and other reason codes. */
final class Reasons {
    private Reasons() {}

    /** A failed connect or a broken connection, such as "connection refused" or "connection reset". */
    static String of(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (t instanceof UnknownHostException || root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (t instanceof ConnectTimeoutException) return "connect timed out";
        if (t instanceof SSLException
                || root instanceof SSLException
                || root instanceof java.security.cert.CertificateException) {
            return tls(root);
        }
        if (t instanceof ClosedChannelException) return "connection closed";
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (t instanceof ConnectException || root instanceof ConnectException) {
            return msg.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : lower(msg);
        }
        if (msg.toLowerCase(Locale.ROOT).contains("connection reset")) return "connection reset";
        return lower(msg);
    }

    private static String tls(Throwable root) {
        String msg = root.getMessage() == null ? "" : root.getMessage();
        if (msg.contains("PKIX") || msg.contains("unable to find valid certification path")) {
            return "TLS handshake failed: the server certificate is not signed by a trusted CA (see tls.ca)";
        }
        if (msg.contains("No subject alternative") || msg.contains("No name matching")) {
            return "TLS handshake failed: the server certificate does not name this host (" + lower(msg)
                    + "; see tls.sni, tls.verifyHostname)";
        }
        return "TLS handshake failed: " + lower(msg);
    }

    /** A refused CONNACK: MQTT 3.1.1 return codes 1–5, MQTT 5 reason codes. */
    static String connAck(int code, boolean v5) {
        if (!v5) {
            return switch (code) {
                case 1 -> "unacceptable protocol version (rc 1)";
                case 2 -> "client id rejected (rc 2)";
                case 3 -> "server unavailable (rc 3)";
                case 4 -> "bad user name or password (rc 4)";
                case 5 -> "not authorised (rc 5)";
                default -> "refused (rc " + code + ")";
            };
        }
        return code(code);
    }

    /** An MQTT 5 reason code of 0x80 or more, such as "not authorised (0x87)". */
    static String code(int code) {
        String words = switch (code) {
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x82 -> "protocol error";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client id not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorised";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8B -> "server shutting down";
            case 0x8C -> "bad authentication method";
            case 0x8E -> "session taken over";
            case 0x90 -> "topic name invalid";
            case 0x93 -> "receive maximum exceeded";
            case 0x95 -> "packet too large";
            case 0x97 -> "quota exceeded";
            case 0x99 -> "payload format invalid";
            case 0x9A -> "retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "use another server";
            case 0x9D -> "server moved";
            case 0x9F -> "connection rate exceeded";
            default -> "refused";
        };
        return words + " (0x" + Integer.toHexString(code).toUpperCase(Locale.ROOT) + ")";
    }

    private static String lower(String s) {
        if (s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

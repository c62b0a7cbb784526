package io.rung.gateway.doctor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS step of the probe: handshake with host name verification, and a plain-words reason when it fails. */
final class TlsStep {
    static final String NAME = "TLS";

    /** The step and, when it passed, the socket to go on with. */
    record Result(Step step, Optional<SSLSocket> socket) {}

    private TlsStep() {}

    static Result run(Socket tcp, InetSocketAddress address, BrokerUrl url, ProbeOptions o) {
        SSLSocket tls;
        try {
            tls = (SSLSocket) context(o, false).getSocketFactory().createSocket(tcp, url.host(), url.port(), true);
        } catch (IOException | GeneralSecurityException e) {
            return new Result(
                    Step.failed(
                            NAME,
                            "cannot set up TLS: " + e.getMessage(),
                            "the CA file could not be used",
                            "pass a PEM CA certificate with --cafile"),
                    Optional.empty());
        }
        SSLParameters p = tls.getSSLParameters();
        if (!o.insecure()) p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setSSLParameters(p);
        try {
            tls.setSoTimeout((int) o.timeout().toMillis());
            tls.startHandshake();
            X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            String detail = tls.getSession().getProtocol() + ", " + Certificates.describe(leaf)
                    + (o.insecure() ? " (not verified: --insecure)" : "");
            return new Result(Step.passed(NAME, detail), Optional.of(tls));
        } catch (IOException e) {
            return new Result(explain(e, address, url, o), Optional.empty());
        }
    }

    private static Step explain(IOException e, InetSocketAddress address, BrokerUrl url, ProbeOptions o) {
        String seen = "handshake failed: " + e.getMessage();
        if (has(e, CertificateExpiredException.class) || contains(e, "validity check failed")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the server's certificate has expired (" + peer(address, url, o) + ")",
                    "renew the certificate on the server and restart the broker");
        }
        if (has(e, CertificateNotYetValidException.class)) {
            return Step.failed(
                    NAME,
                    seen,
                    "the server's certificate is not valid yet: a clock is wrong",
                    "check the date on the server and on this machine");
        }
        if (contains(e, "No subject alternative") || contains(e, "No name matching")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the certificate does not name '" + url.host() + "' (" + peer(address, url, o) + ")",
                    "connect with a name the certificate lists, or issue a certificate "
                            + "whose subjectAltName includes " + url.host()
                            + " (set http.publicHost to that name too)");
        }
        if (contains(e, "PKIX") || contains(e, "certification path")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the certificate is not signed by a CA this machine trusts (" + peer(address, url, o) + ")",
                    "pass the CA with --cafile ca.crt (and install it on the phones), "
                            + "or use a certificate from a public CA");
        }
        if (contains(e, "Unsupported or unrecognized SSL message") || contains(e, "plaintext")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the port does not speak TLS",
                    "use " + (url.websocket() ? "ws://" : "mqtt://") + " for this port, or the broker's TLS port");
        }
        if (contains(e, "protocol_version") || contains(e, "No appropriate protocol")) {
            return Step.failed(
                    NAME,
                    seen,
                    "client and server share no TLS version (Rung needs TLS 1.2 or 1.3)",
                    "enable TLS 1.2 or newer on the server");
        }
        if (contains(e, "certificate_required") || contains(e, "bad_certificate")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the server wants a client certificate (mutual TLS)",
                    "this probe has no client certificate; test with a broker listener without clientCa");
        }
        if (e instanceof SocketTimeoutException) {
            return Step.failed(
                    NAME,
                    seen,
                    "no TLS answer within " + o.timeout().toSeconds() + " s",
                    "the port is probably plain MQTT, which waits for the client: use mqtt://");
        }
        if (e instanceof EOFException || has(e, EOFException.class) || contains(e, "terminated the handshake")) {
            return Step.failed(
                    NAME,
                    seen,
                    "the server closed the connection during the handshake",
                    "the port probably speaks plain MQTT (use mqtt://), or it wants a client certificate");
        }
        return Step.failed(NAME, seen, "the TLS handshake failed", "look at the broker's log for the TLS error");
    }

    /** The server's certificate as a second, unverified handshake shows it, for messages. */
    private static String peer(InetSocketAddress address, BrokerUrl url, ProbeOptions o) {
        try (Socket s = new Socket()) {
            s.connect(address, (int) o.timeout().toMillis());
            SSLSocket tls =
                    (SSLSocket) context(o, true).getSocketFactory().createSocket(s, url.host(), url.port(), true);
            tls.setSoTimeout((int) o.timeout().toMillis());
            tls.startHandshake();
            return "it has "
                    + Certificates.describe((X509Certificate) tls.getSession().getPeerCertificates()[0]);
        } catch (IOException | GeneralSecurityException e) {
            return "its certificate could not be read: " + e.getMessage();
        }
    }

    private static SSLContext context(ProbeOptions o, boolean trustAll) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        TrustManager[] trust = null;
        if (trustAll || o.insecure()) {
            trust = new TrustManager[] {new AnyCertificate()};
        } else if (o.caFile().isPresent()) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(o.caFile().get())) {
                int i = 0;
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            trust = f.getTrustManagers();
        }
        ctx.init(null, trust, null);
        return ctx;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) if (type.isInstance(c)) return true;
        return false;
    }

    private static boolean contains(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(text)) return true;
        }
        return false;
    }

    /** Accepts every certificate: only for reading what the server presents, or with --insecure. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

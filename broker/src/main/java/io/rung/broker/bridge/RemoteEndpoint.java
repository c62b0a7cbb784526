package io.rung.broker.bridge;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.rung.config.BridgeConfig;
import io.rung.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Where a bridge connects: host and port from its {@code url} ({@code mqtt://}, {@code tcp://}: plain, default port
 * 1883; {@code mqtts://}, {@code ssl://}: TLS 1.2+, default port 8883), and for TLS the client context: the given
 * CA or the system CAs, an optional client certificate, SNI and hostname verification.
 *
 * @param tlsName for TLS, the name sent as SNI and checked against the server certificate ({@code tls.sni}, else
 *                the URL's host)
 */
record RemoteEndpoint(
        String url, String host, int port, @Nullable SslContext ssl, String tlsName) {
    /** Parses the URL (already validated by the config loader) and builds the TLS context. */
    static RemoteEndpoint of(BridgeConfig config) throws BridgeException {
        URI uri;
        try {
            uri = new URI(config.url());
        } catch (URISyntaxException e) {
            throw new BridgeException("bridge " + config.name() + ": url is not valid: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("mqtts") || scheme.equals("ssl");
        String host = uri.getHost();
        if (host == null) throw new BridgeException("bridge " + config.name() + ": url has no host", null);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 8883 : 1883;
        String tlsName = config.tls().sni().orElse(host);
        return new RemoteEndpoint(config.url(), host, port, tls ? sslContext(config) : null, tlsName);
    }

    private static SslContext sslContext(BridgeConfig config) throws BridgeException {
        BridgeConfig.BridgeTlsConfig t = config.tls();
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm(t.verifyHostname() ? "HTTPS" : null);
            if (t.ca().isPresent()) b.trustManager(t.ca().get().toFile());
            if (t.cert().isPresent() && t.key().isPresent()) {
                b.keyManager(
                        t.cert().get().toFile(),
                        t.key().get().toFile(),
                        t.keyPassword().map(Secret::value).orElse(null));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new BridgeException("bridge " + config.name() + ": cannot use its tls files: " + e.getMessage(), e);
        }
    }

    /** A TLS handler for one connection; null for plain MQTT. */
    @Nullable
    SslHandler newSslHandler(ByteBufAllocator alloc) {
        return ssl == null ? null : ssl.newHandler(alloc, tlsName, port);
    }
}

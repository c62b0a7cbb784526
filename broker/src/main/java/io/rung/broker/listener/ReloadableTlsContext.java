package io.rung.broker.listener;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.rung.config.TlsConfig;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS listener's context that can be replaced while the broker runs: new handshakes use the newest context,
 * connections already open keep theirs. A reload that fails keeps the previous context and says why.
 */
final class ReloadableTlsContext {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableTlsContext.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final TlsConfig config;
    private final Supplier<String> listener;
    private volatile TlsContextLoader.Loaded loaded;
    private Map<Path, TlsContextLoader.FileStamp> seen;

    private ReloadableTlsContext(TlsConfig config, Supplier<String> listener, TlsContextLoader.Loaded loaded) {
        this.config = config;
        this.listener = listener;
        this.loaded = loaded;
        this.seen = loaded.stamps();
    }

    /** The first load, at start: a problem here stops the broker. */
    static ReloadableTlsContext load(TlsConfig config, Supplier<String> listener) throws TlsException {
        return new ReloadableTlsContext(config, listener, TlsContextLoader.load(config));
    }

    SslHandler newHandler(ByteBufAllocator alloc) {
        return loaded.context().newHandler(alloc);
    }

    X509Certificate certificate() {
        return loaded.certificate();
    }

    List<X509Certificate> clientCas() {
        return loaded.clientCas();
    }

    boolean mutual() {
        return config.clientCa().isPresent();
    }

    boolean certificateAsUsername() {
        return config.useCertificateAsUsername();
    }

    /** Logs the certificate in use, warning when it has expired or expires soon. */
    void logCertificate() {
        X509Certificate cert = loaded.certificate();
        Instant now = Instant.now();
        if (CertificateFacts.expired(cert, now)) {
            LOG.warn(
                    "TLS certificate of listener {} has expired ({}): clients will refuse it; renew it.",
                    listener.get(),
                    CertificateFacts.summary(cert));
        } else if (CertificateFacts.notYetValid(cert, now)) {
            LOG.warn(
                    "TLS certificate of listener {} is not valid yet ({}): clients will refuse it; check the clock.",
                    listener.get(),
                    CertificateFacts.summary(cert));
        } else if (cert.getNotAfter().toInstant().isBefore(now.plus(EXPIRY_WARNING))) {
            LOG.warn(
                    "TLS certificate of listener {} expires soon ({}); renew it.",
                    listener.get(),
                    CertificateFacts.summary(cert));
        } else {
            LOG.info(
                    "TLS certificate of listener {}: {}{}.",
                    listener.get(),
                    CertificateFacts.summary(cert),
                    mutual()
                            ? "; clients need a certificate signed by "
                                    + config.clientCa().orElseThrow()
                            : "");
        }
    }

    /** Reloads when a file's modification time or size changed since the last look. */
    synchronized void reloadIfChanged() {
        if (!TlsContextLoader.stamps(config).equals(seen)) reload();
    }

    /** Reloads now (SIGHUP); false when the files could not be used and the previous context stays. */
    synchronized boolean reload() {
        seen = TlsContextLoader.stamps(config); // a broken file is reported once, not on every poll
        try {
            loaded = TlsContextLoader.load(config);
        } catch (TlsException e) {
            LOG.warn(
                    "TLS certificate of listener {} not reloaded: {}; the previous certificate stays in use.",
                    listener.get(),
                    e.getMessage());
            return false;
        }
        LOG.info(
                "TLS certificate of listener {} reloaded from {}: new connections use it, connected clients "
                        + "stay connected.",
                listener.get(),
                config.cert());
        logCertificate();
        return true;
    }
}

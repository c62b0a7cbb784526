package io.rung.broker.listener;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the TLS listeners' certificate, key and CA files every {@link #POLL} and reloads a listener whose files
 * changed (renewals by certbot and the like); {@link #reloadAll()} is the SIGHUP path. Runs on its own thread, since
 * reading files must not block an event loop.
 */
final class CertificateWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);
    static final Duration POLL = Duration.ofSeconds(2);

    private final List<ReloadableTlsContext> contexts;
    private final @Nullable ScheduledExecutorService timer;

    CertificateWatcher(List<ReloadableTlsContext> contexts) {
        this.contexts = List.copyOf(contexts);
        if (contexts.isEmpty()) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("rung-tls-reload", true));
            timer.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        for (ReloadableTlsContext c : contexts) {
            try {
                c.reloadIfChanged();
            } catch (RuntimeException e) {
                // a bug, not a bad file: say so, and keep watching the other listeners
                LOG.warn("checking TLS files for changes failed", e);
            }
        }
    }

    /** Reloads every TLS listener now; true when all of them reloaded. */
    boolean reloadAll() {
        boolean all = true;
        for (ReloadableTlsContext c : contexts) all &= c.reload();
        return all;
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}

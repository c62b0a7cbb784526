package io.rung.broker.event;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections in plain words, at most {@value #LIMIT} lines per source address per minute; the rest
 * of that minute is summed up in one line when the minute is over.
 */
public final class RefusalLog {
    static final int LIMIT = 10;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final Logger log;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    public RefusalLog() {
        this(LoggerFactory.getLogger(BrokerEvents.LOGGER));
    }

    RefusalLog(Logger log) {
        this.log = log;
    }

    private static final class Window {
        long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }

    /**
     * Logs one refusal: {@code Refused connection from 10.0.0.7:51234 on listener tcp:1883 (client id 'phone',
     * user 'scada'): wrong password for user 'scada'.}
     */
    public void refused(
            InetAddress source, String remote, String listener, String clientId, String user, String reason) {
        refused(source, remote, listener, clientId, user, reason, System.nanoTime());
    }

    void refused(
            InetAddress source, String remote, String listener, String clientId, String user, String reason, long now) {
        if (admit(source, now)) {
            log.info(
                    "Refused connection from {} on listener {} (client id '{}', user '{}'): {}.",
                    remote,
                    listener,
                    clientId,
                    user,
                    reason);
        }
    }

    /**
     * Logs a connection refused before it sent CONNECT (TLS, WebSocket upgrade, wrong protocol): {@code Refused
     * connection from 10.0.0.7:51234 on listener mqtts:8883 before CONNECT: TLS handshake failed: ...}
     */
    public void refusedBeforeConnect(InetAddress source, String remote, String listener, String reason) {
        if (admit(source, System.nanoTime())) {
            log.info("Refused connection from {} on listener {} before CONNECT: {}.", remote, listener, reason);
        }
    }

    /**
     * Logs an accepted connection the broker closed because it failed (keep-alive timeout, packet too large):
     * {@code Closed connection from 10.0.0.7:51234 on listener mqtt:1883 (client id 'phone', user 'scada'):
     * keep-alive timeout (90 s).}
     */
    public void closed(
            InetAddress source, String remote, String listener, String clientId, String user, String reason) {
        if (admit(source, System.nanoTime())) {
            log.info(
                    "Closed connection from {} on listener {} (client id '{}', user '{}'): {}.",
                    remote,
                    listener,
                    clientId,
                    user,
                    reason);
        }
    }

    /** Counts one line for {@code source}; true while the address is within its limit for this minute. */
    private boolean admit(InetAddress source, long now) {
        Window w = windows.computeIfAbsent(source, a -> new Window(now));
        int suppressed = 0;
        boolean logIt;
        synchronized (w) {
            if (now - w.start >= WINDOW_NANOS) {
                suppressed = Math.max(0, w.count - LIMIT);
                w.start = now;
                w.count = 0;
            }
            w.count++;
            logIt = w.count <= LIMIT;
        }
        if (suppressed > 0) summary(source, suppressed);
        return logIt;
    }

    /** Called about once a minute: writes the summary of every finished window and forgets idle addresses. */
    public void sweep() {
        sweep(System.nanoTime());
    }

    void sweep(long now) {
        for (var e : windows.entrySet()) {
            Window w = e.getValue();
            int suppressed = 0;
            boolean idle;
            synchronized (w) {
                idle = now - w.start >= WINDOW_NANOS;
                if (idle) suppressed = Math.max(0, w.count - LIMIT);
            }
            if (idle) {
                windows.remove(e.getKey(), w);
                if (suppressed > 0) summary(e.getKey(), suppressed);
            }
        }
    }

    private void summary(InetAddress source, int suppressed) {
        log.info(
                "Refused {} more connections from {} in the last minute (not logged one by one).",
                suppressed,
                source.getHostAddress());
    }
}

package io.rung.broker.session;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Watches a congested session for progress (a message written or acknowledged), every 250 ms on its event loop:
 * after a second without progress the session is stalled (QoS 0 publishers stop waiting for it, see
 * {@link Congestion#stall()}); after {@code stallTimeout} it is given up on. Stalls are measured from the start of the
 * congestion or the last progress, whichever is later. Used on the session's loop only.
 */
final class StallWatch {
    static final long STALLED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Congestion congestion;
    private final long timeoutNanos;
    private final Runnable timedOut;
    private long lastProgressNanos;
    private @Nullable ScheduledFuture<?> timer;

    StallWatch(Congestion congestion, Duration stallTimeout, Runnable timedOut) {
        this.congestion = congestion;
        this.timeoutNanos = stallTimeout.toNanos();
        this.timedOut = timedOut;
    }

    /** Congestion started. */
    void start(EventExecutor loop) {
        lastProgressNanos = System.nanoTime();
        schedule(loop);
    }

    void progressed() {
        lastProgressNanos = System.nanoTime();
        congestion.progressed();
    }

    /** Congestion ended or the connection went away. */
    void stop() {
        ScheduledFuture<?> t = timer;
        if (t != null) t.cancel(false);
        timer = null;
    }

    private void schedule(EventExecutor loop) {
        timer = loop.schedule(() -> check(loop), Math.min(CHECK_NANOS, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    private void check(EventExecutor loop) {
        timer = null;
        if (!congestion.congested()) return;
        long idle = System.nanoTime() - lastProgressNanos;
        if (idle >= timeoutNanos) {
            timedOut.run();
            return;
        }
        if (idle >= STALLED_AFTER_NANOS) congestion.stall();
        schedule(loop);
    }
}

package io.rung.broker.local;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks one at a time, in order, on a shared pool: one per in-process client. */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private @Nullable Runnable active;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.addLast(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("in-process message handler failed", e);
            } finally {
                next();
            }
        });
        if (active == null) next();
    }

    private synchronized void next() {
        active = tasks.pollFirst();
        if (active != null) pool.execute(active);
    }
}

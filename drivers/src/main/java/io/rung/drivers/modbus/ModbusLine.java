package io.rung.drivers.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.DriverState.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus connection (a serial port or a host:port) and the one thread that talks on it, shared by every
 * device whose url names it. Requests run one at a time, in the order submitted, with at least
 * {@code interFrameDelay} between frames. The line connects on demand, reconnects with exponential back-off and
 * jitter (1 s → 60 s) in the background, and tells its members every state change. Obtain lines from
 * {@link ModbusLines}; everything but {@code submit} runs on the line thread.
 */
final class ModbusLine {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusLine.class);

    /** A device on the line, told about connection changes (on the line thread). */
    interface Member {
        void lineState(DriverState state, Optional<Duration> retryIn);
    }

    /** Work that runs on the line thread with the line at hand. */
    interface Task<T> {
        T run(ModbusLine line) throws Exception;
    }

    private final ModbusEndpoint endpoint;
    private final ModbusConnection connection;
    private final ScheduledExecutorService thread;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Backoff backoff = Backoff.standard();
    private volatile Duration connectTimeout = Duration.ofSeconds(1);
    private volatile Duration interFrameDelay = Duration.ZERO;

    private DriverState state = new DriverState(State.DISCONNECTED, Optional.empty());
    private long retryAt = Long.MIN_VALUE;
    private long lastFrame = Long.MIN_VALUE;
    private @Nullable ScheduledFuture<?> reconnect;

    ModbusLine(ModbusEndpoint endpoint) {
        this.endpoint = endpoint;
        this.connection = new ModbusConnection(endpoint);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "modbus-line " + endpoint.lineKey());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    ModbusEndpoint endpoint() {
        return endpoint;
    }

    void join(Member member, Duration timeout, Duration frameDelay) {
        members.add(member);
        if (timeout.compareTo(connectTimeout) > 0) connectTimeout = timeout;
        if (frameDelay.compareTo(interFrameDelay) > 0) interFrameDelay = frameDelay;
    }

    /** Removes a member; returns true when none is left. */
    boolean leave(Member member) {
        members.remove(member);
        return members.isEmpty();
    }

    /** Runs the task on the line thread; the future completes there. Never blocks the caller. */
    <T> CompletableFuture<T> submit(String device, Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(task.run(this));
                } catch (RuntimeException | Error e) {
                    LOG.error("Modbus line {} task failed", endpoint.lineKey(), e);
                    result.completeExceptionally(e);
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new DriverException(device, "line " + endpoint.lineKey() + " is closed"));
        }
        return result;
    }

    DriverState state() {
        return state;
    }

    /** Connects now unless a back-off is running; throws with the last cause and when the next try is. */
    void ensureConnected() throws ModbusRequestException {
        if (connection.isOpen()) return;
        long now = System.nanoTime();
        if (now < retryAt) {
            // the cause only: it becomes $status.error, which must not change with every poll while a device is down
            throw ModbusRequestException.connection(state.error().orElse("not connected"));
        }
        tryConnect();
        if (!connection.isOpen()) {
            throw ModbusRequestException.connection(state.error().orElse("not connected"));
        }
    }

    /** Sends one request (connecting first if needed); a broken connection is closed and reconnected. */
    ModbusResponse execute(ModbusRequest request, int unit, Duration timeout) throws ModbusRequestException {
        ensureConnected();
        pauseBetweenFrames();
        try {
            return connection.execute(request, unit, timeout);
        } catch (ModbusRequestException e) {
            if (e.kind() == ModbusRequestException.Kind.CONNECTION) lost(e.getMessage());
            throw e;
        } finally {
            lastFrame = System.nanoTime();
        }
    }

    private void pauseBetweenFrames() {
        long gap = interFrameDelay.toNanos();
        if (gap <= 0 || lastFrame == Long.MIN_VALUE) return;
        long wait = lastFrame + gap - System.nanoTime();
        // the line thread is dedicated to this line, so pausing it delays only this line's frames
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = lastFrame + gap - System.nanoTime();
        }
    }

    private void tryConnect() {
        cancelReconnect();
        publish(new DriverState(State.CONNECTING, state.error()), Optional.empty());
        try {
            connection.open(connectTimeout);
            backoff.reset();
            retryAt = Long.MIN_VALUE;
            LOG.debug("Modbus line {} connected.", endpoint.describe());
            publish(DriverState.connected(), Optional.empty());
        } catch (ModbusRequestException e) {
            Duration wait = backoff.next();
            retryAt = System.nanoTime() + wait.toNanos();
            scheduleReconnect(wait);
            publish(new DriverState(State.FAILED, Optional.ofNullable(e.getMessage())), Optional.of(wait));
        }
    }

    private void lost(@Nullable String cause) {
        connection.close();
        retryAt = Long.MIN_VALUE;
        publish(new DriverState(State.DISCONNECTED, Optional.ofNullable(cause)), Optional.of(Duration.ZERO));
        scheduleReconnect(Duration.ZERO);
    }

    private void scheduleReconnect(Duration wait) {
        cancelReconnect();
        try {
            reconnect = thread.schedule(
                    () -> {
                        reconnect = null;
                        if (!connection.isOpen() && !members.isEmpty()) tryConnect();
                    },
                    wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Modbus line {} closed; no reconnect.", endpoint.lineKey());
        }
    }

    private void cancelReconnect() {
        ScheduledFuture<?> r = reconnect;
        if (r != null) r.cancel(false);
        reconnect = null;
    }

    private void publish(DriverState next, Optional<Duration> retryIn) {
        state = next;
        for (Member m : members) m.lineState(next, retryIn);
    }

    /** Closes the connection and ends the line thread; queued work fails with "line is closed". */
    void close() {
        try {
            thread.execute(() -> {
                cancelReconnect();
                connection.close();
                state = new DriverState(State.DISCONNECTED, Optional.of("closed"));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Modbus line {} already closed.", endpoint.lineKey());
        }
        thread.shutdown();
    }
}

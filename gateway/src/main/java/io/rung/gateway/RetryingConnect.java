package io.rung.gateway;

import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.northbound.FailureText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a driver whose first {@code connect()} gives up after one try (OPC UA): retries it with exponential
 * back-off and jitter (1 s → 60 s) until it succeeds or the driver is closed, so an unreachable server never stops
 * Rung. While the server answers but refuses ({@link DriverState.State#REFUSED}: an untrusted certificate, a
 * login), retries come at least every {@value #REFUSED_MAX_SECONDS} s, so that a certificate a person has just
 * moved to the trusted folder is picked up quickly. Each failure is reported by the driver through its state
 * listener; this class logs the retries.
 */
final class RetryingConnect implements Driver {
    private static final Logger log = LoggerFactory.getLogger(RetryingConnect.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final int REFUSED_MAX_SECONDS = 10;

    private final String device;
    private final Driver driver;
    private final ScheduledExecutorService timer;
    private volatile boolean refused;
    private volatile boolean closed;

    RetryingConnect(String device, Driver driver, ScheduledExecutorService timer) {
        this.device = device;
        this.driver = driver;
        this.timer = timer;
        driver.onStateChange(state -> {
            if (state.state() != DriverState.State.CONNECTING) refused = state.state() == DriverState.State.REFUSED;
        });
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(done, FIRST_DELAY, 1);
        return done;
    }

    private void attempt(CompletableFuture<Void> done, Duration delay, int attempt) {
        if (closed) {
            done.cancel(false);
            return;
        }
        driver.connect().whenComplete((ok, failure) -> {
            if (failure == null) {
                if (attempt > 1) log.info("Device {} connected after {} attempts.", device, attempt);
                done.complete(null);
                return;
            }
            Duration wait = refused && delay.getSeconds() > REFUSED_MAX_SECONDS
                    ? Duration.ofSeconds(REFUSED_MAX_SECONDS)
                    : delay;
            long jittered = (long)
                    (wait.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
            if (attempt <= 3 || attempt % 10 == 0) {
                log.info(
                        "Device {} connect attempt {} failed: {}; retrying in {} s.",
                        device,
                        attempt,
                        FailureText.of(failure),
                        Math.max(1, Math.round(jittered / 1000.0)));
            }
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            if (closed) {
                done.cancel(false);
                return;
            }
            try {
                timer.schedule(() -> attempt(done, next, attempt + 1), jittered, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the gateway is shutting down: nothing left to retry for
                done.cancel(false);
            }
        });
    }

    @Override
    public CompletableFuture<List<Sample>> read(List<PointAddress> points) {
        return driver.read(points);
    }

    @Override
    public Optional<Subscription> subscribe(
            List<PointAddress> points, Duration samplingInterval, Consumer<List<Sample>> sink) {
        return driver.subscribe(points, samplingInterval, sink);
    }

    @Override
    public CompletableFuture<Void> write(PointAddress point, Value value) {
        return driver.write(point, value);
    }

    @Override
    public void onStateChange(Consumer<DriverState> listener) {
        driver.onStateChange(listener);
    }

    @Override
    public void close() {
        closed = true;
        driver.close();
    }
}

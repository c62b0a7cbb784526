package io.rung.gateway.northbound;

import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's poll: reads every point on the device's lane and hands the samples to its publisher. A poll that
 * comes while the previous one (or a command before it) is still running is skipped, never queued.
 */
final class DevicePoll {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoll.class);

    private final DeviceRuntime device;
    private final PollObserver observer;
    private final List<PointAddress> points;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    DevicePoll(DeviceRuntime device) {
        this(device, PollObserver.NONE);
    }

    DevicePoll(DeviceRuntime device, PollObserver observer) {
        this.device = device;
        this.observer = observer;
        this.points = device.addresses();
    }

    /** Starts a poll unless one is still running; returns at once. */
    void poll() {
        if (!inFlight.compareAndSet(false, true)) {
            long count = skipped.incrementAndGet();
            LOG.debug(
                    "Device {} poll skipped: the previous one is still running ({} skipped so far).",
                    device.name(),
                    count);
            return;
        }
        started.incrementAndGet();
        CompletableFuture<Void> done;
        try {
            done = device.lane().submit(() -> {
                long start = System.nanoTime();
                return device.driver().read(points).handle((samples, failure) -> {
                    observer.pollFinished(device.name(), System.nanoTime() - start, failure != null);
                    deliver(samples, failure);
                    return null;
                });
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            throw e;
        }
        done.whenComplete((ignored, failure) -> {
            inFlight.set(false);
            // Only the lane fails here: the driver call threw, or never answered within the lane's limit.
            if (failure != null) device.publisher().onReadFailed(FailureText.of(failure));
        });
    }

    long started() {
        return started.get();
    }

    long skipped() {
        return skipped.get();
    }

    private void deliver(List<Sample> samples, Throwable failure) {
        try {
            if (failure != null) {
                device.publisher().onReadFailed(FailureText.of(failure));
            } else {
                device.publisher().onSamples(samples);
            }
        } catch (RuntimeException e) {
            // A broken publication must not leave the lane stuck or kill the driver's thread; it is our bug.
            LOG.error("Device {} samples could not be published: {}", device.name(), e.toString(), e);
        }
    }
}

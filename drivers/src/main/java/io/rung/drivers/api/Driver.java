package io.rung.drivers.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A connection to one PLC (or one device on a line shared by several). Calls never block the caller: blocking
 * protocol libraries run on the driver's own thread and complete the returned futures from there.
 */
public interface Driver extends AutoCloseable {
    /** Connects (or re-connects); completes exceptionally with a {@link DriverException} naming the cause. */
    CompletableFuture<Void> connect();

    /**
     * Reads the points, one {@link Sample} per point in the order given. A point that cannot be read gives a
     * {@link Quality#BAD} sample with an error; only connection-level failures fail the future.
     */
    CompletableFuture<List<Sample>> read(List<PointAddress> points);

    /** Push mode (OPC UA monitored items); empty when the protocol has none. */
    default Optional<Subscription> subscribe(
            List<PointAddress> points, Duration samplingInterval, Consumer<List<Sample>> sink) {
        return Optional.empty();
    }

    /** Writes one engineering value (already range-checked by the caller); the driver converts it to raw. */
    CompletableFuture<Void> write(PointAddress point, Value value);

    /** Called on every connection state change, from the driver's thread. */
    void onStateChange(Consumer<DriverState> listener);

    /** Releases the connection; never throws. */
    @Override
    void close();

    /** An active push subscription; closing it removes the monitored items. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

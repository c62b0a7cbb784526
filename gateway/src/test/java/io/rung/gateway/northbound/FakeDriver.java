package io.rung.gateway.northbound;

import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A driver for tests: a map of point values stands for the PLC; every call is recorded in {@link #events}.
 * Reads and writes can be held (their futures complete only on {@link #releaseRead()} / {@link #releaseWrite()}),
 * or fail.
 */
public final class FakeDriver implements Driver {
    public final Map<String, Value> plc = new ConcurrentHashMap<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<List<PointAddress>> reads = new CopyOnWriteArrayList<>();
    public final List<Map.Entry<PointAddress, Value>> writes = new CopyOnWriteArrayList<>();
    public volatile Instant sampleTime = Instant.parse("2025-11-28T19:30:00.123Z");
    public volatile boolean holdReads;
    public volatile boolean holdWrites;
    public volatile @Nullable RuntimeException writeThrows;
    public volatile @Nullable Throwable readFailure;
    public volatile @Nullable Throwable writeFailure;
    public volatile boolean subscriptions;
    public volatile @Nullable Consumer<List<Sample>> sink;
    public volatile boolean subscriptionClosed;
    private final ConcurrentLinkedQueue<Runnable> heldReads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> heldWrites = new ConcurrentLinkedQueue<>();
    private final List<Consumer<DriverState>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> connect() {
        events.add("connect");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Sample>> read(List<PointAddress> points) {
        reads.add(points);
        events.add("read " + points.size());
        CompletableFuture<List<Sample>> result = new CompletableFuture<>();
        Runnable answer = () -> {
            events.add("read done");
            Throwable failure = readFailure;
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(samples(points));
            }
        };
        if (holdReads) {
            heldReads.add(answer);
        } else {
            answer.run();
        }
        return result;
    }

    @Override
    public Optional<Subscription> subscribe(
            List<PointAddress> points, Duration samplingInterval, Consumer<List<Sample>> sink) {
        if (!subscriptions) return Optional.empty();
        events.add("subscribe " + points.size() + " every " + samplingInterval.toMillis() + "ms");
        this.sink = sink;
        return Optional.of(() -> subscriptionClosed = true);
    }

    @Override
    public CompletableFuture<Void> write(PointAddress point, Value value) {
        RuntimeException thrown = writeThrows;
        if (thrown != null) throw thrown;
        events.add("write " + point.name());
        CompletableFuture<Void> result = new CompletableFuture<>();
        Runnable answer = () -> {
            Throwable failure = writeFailure;
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            writes.add(Map.entry(point, value));
            plc.put(point.name(), value);
            events.add("write done");
            result.complete(null);
        };
        if (holdWrites) {
            heldWrites.add(answer);
        } else {
            answer.run();
        }
        return result;
    }

    @Override
    public void onStateChange(Consumer<DriverState> listener) {
        listeners.add(listener);
    }

    public void state(DriverState state) {
        listeners.forEach(l -> l.accept(state));
    }

    /** Completes the oldest held read; false when none is held. */
    public boolean releaseRead() {
        Runnable next = heldReads.poll();
        if (next != null) next.run();
        return next != null;
    }

    /** Completes the oldest held write; false when none is held. */
    public boolean releaseWrite() {
        Runnable next = heldWrites.poll();
        if (next != null) next.run();
        return next != null;
    }

    public int heldWrites() {
        return heldWrites.size();
    }

    @Override
    public void close() {
        events.add("close");
    }

    private List<Sample> samples(List<PointAddress> points) {
        List<Sample> samples = new ArrayList<>(points.size());
        for (PointAddress point : points) {
            Value value = plc.get(point.name());
            samples.add(
                    value == null
                            ? Sample.bad(point, "illegal data address", sampleTime)
                            : Sample.good(point, value, sampleTime));
        }
        return samples;
    }
}

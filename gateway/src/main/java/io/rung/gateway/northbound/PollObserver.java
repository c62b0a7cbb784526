package io.rung.gateway.northbound;

/**
 * Told about every finished poll, for metrics. Called on driver threads, so it must return at once.
 *
 * <pre>{@code
 * new PollScheduler(devices, PollScheduler.DEFAULT_TICK, (device, nanos, failed) -> timer(device).record(nanos));
 * }</pre>
 */
@FunctionalInterface
public interface PollObserver {
    /** Observes nothing. */
    PollObserver NONE = (device, durationNanos, failed) -> {};

    /**
     * @param durationNanos from the start of the driver's read to its answer (or failure)
     * @param failed true when the poll failed at connection level (the device is then offline)
     */
    void pollFinished(String device, long durationNanos, boolean failed);
}

package io.rung.gateway.northbound;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.Sample;
import io.rung.gateway.mapping.DeviceStatus;
import io.rung.gateway.mapping.DeviceTopics;
import io.rung.gateway.mapping.PayloadCodec;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import io.rung.gateway.port.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one device's samples as retained point values, applying deadband and heartbeat, and keeps its
 * {@code $status}; under broker backpressure it keeps only the newest value per point. Thread-safe: samples come
 * from driver threads, ticks from the scheduler, read-backs from command writes. See this package's README.
 */
public final class PointPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(PointPublisher.class);

    private final DeviceConfig device;
    private final MqttPort mqtt;
    private final RetainedTopics retained;
    private final Clock clock;
    private final Ticker ticker;
    private final Map<String, PointState> points = new LinkedHashMap<>();
    private final String statusTopic;
    private DeviceStatus status = DeviceStatus.offline();
    private boolean started;
    private boolean stopped;
    /** Why the device refuses the connection, until it connects or fails otherwise. */
    private @Nullable String refusal;
    /** The driver reported {@code DISCONNECTED} and not {@code CONNECTED} since. */
    private boolean connectionLost;

    public PointPublisher(DeviceConfig device, MqttPort mqtt, RetainedTopics retained, Clock clock, Ticker ticker) {
        this.device = device;
        this.mqtt = mqtt;
        this.retained = retained;
        this.clock = clock;
        this.ticker = ticker;
        this.statusTopic = DeviceTopics.status(device);
        for (PointConfig point : device.points()) {
            Duration heartbeat = point.heartbeat().orElse(device.heartbeat());
            long heartbeatNanos = heartbeat.isNegative() ? 0 : heartbeat.toNanos();
            points.put(point.name(), new PointState(point, DeviceTopics.value(device, point.name()), heartbeatNanos));
        }
    }

    /** Publishes {@code $status} offline: every device is offline until its first poll answers. */
    public synchronized void start() {
        started = true;
        publishStatus();
    }

    /**
     * Samples from a poll or a subscription; the device answered, so {@code $status} becomes online or error. Samples
     * that come while the driver reports its connection lost (a subscription marking its points bad) are published
     * but leave {@code $status} offline.
     */
    public synchronized void onSamples(List<Sample> samples) {
        if (stopped) return;
        flushIfPossible();
        long now = ticker.nanoTime();
        for (Sample sample : samples) {
            PointState point = points.get(sample.point().name());
            if (point != null) offer(point, sample, now);
        }
        if (!samples.isEmpty() && !connectionLost) setStatus(answeredStatus());
    }

    /**
     * A poll that failed at connection level: offline with the cause, and every known point becomes bad. While the
     * device refuses the connection ({@link DriverState.State#REFUSED}), {@code $status} keeps that error.
     */
    public synchronized void onReadFailed(String error) {
        if (stopped) return;
        setStatus(refusal != null ? DeviceStatus.error(refusal) : DeviceStatus.offline(error));
        markBad(refusal != null ? refusal : error);
    }

    /**
     * A driver connection state change: disconnected or failed means offline; refused (the device answers but a
     * person must fix a certificate or a login) means error; connected waits for data.
     */
    public synchronized void onDriverState(DriverState state) {
        if (stopped) return;
        switch (state.state()) {
            case DISCONNECTED, FAILED -> {
                refusal = null;
                connectionLost = state.state() == DriverState.State.DISCONNECTED;
                String error = state.error().orElse("disconnected");
                setStatus(DeviceStatus.offline(error));
                markBad(error);
            }
            case REFUSED -> {
                refusal = state.error().orElse("connection refused");
                setStatus(DeviceStatus.error(refusal));
                markBad(refusal);
            }
            case CONNECTED -> {
                refusal = null;
                connectionLost = false;
            }
            case CONNECTING -> {}
        }
    }

    /** A connection attempt that failed: offline with the cause (error while the device refuses the connection). */
    public synchronized void onConnectFailed(String error) {
        if (stopped) return;
        setStatus(refusal != null ? DeviceStatus.error(refusal) : DeviceStatus.offline(error));
    }

    /** The point read back after a successful write: always published, and the new reference. */
    public synchronized void onReadBack(Sample sample) {
        if (stopped) return;
        PointState point = points.get(sample.point().name());
        if (point == null) return;
        point.latest = sample;
        emit(point, sample, false, ticker.nanoTime());
    }

    /** Publishes due heartbeats and, once the backpressure is gone, the values held back. Called periodically. */
    public synchronized void tick() {
        if (stopped) return;
        flushIfPossible();
        long now = ticker.nanoTime();
        for (PointState point : points.values()) {
            Sample latest = point.latest;
            if (latest != null && point.heartbeatDue(now)) {
                emit(point, latest, !point.significant(latest, BigDecimal.ZERO), now);
            }
        }
    }

    /** Publishes {@code $status} offline with {@code reason} and ignores everything after. */
    public synchronized void stop(String reason) {
        if (stopped) return;
        setStatus(DeviceStatus.offline(reason));
        stopped = true;
    }

    /** The latest sample of a point, published or not. */
    public synchronized Optional<Sample> latest(String point) {
        PointState state = points.get(point);
        return state == null ? Optional.empty() : Optional.ofNullable(state.latest);
    }

    public synchronized DeviceStatus status() {
        return status;
    }

    public DeviceConfig device() {
        return device;
    }

    private void offer(PointState point, Sample sample, long now) {
        point.latest = sample;
        boolean significant = point.significant(sample, point.config.deadband());
        if (significant) {
            emit(point, sample, false, now);
        } else if (point.heartbeatDue(now)) {
            emit(point, sample, !point.significant(sample, BigDecimal.ZERO), now);
        }
    }

    /** Makes {@code sample} the reference and publishes it now, or holds it as the newest while backpressured. */
    private void emit(PointState point, Sample sample, boolean repeat, long now) {
        point.reference = sample;
        point.referenceNanos = now;
        if (mqtt.backpressured()) {
            point.pendingRepeat = point.pending == null ? repeat : point.pendingRepeat && repeat;
            point.pending = sample;
            return;
        }
        send(point, sample, repeat);
    }

    private void flushIfPossible() {
        if (mqtt.backpressured()) return;
        for (PointState point : points.values()) {
            Sample pending = point.pending;
            if (pending != null) {
                point.pending = null;
                send(point, pending, point.pendingRepeat);
            }
        }
    }

    private void send(PointState point, Sample sample, boolean repeat) {
        Optional<byte[]> payload = PayloadCodec.sample(sample, device.format(), point.config.unit());
        if (payload.isEmpty()) return;
        mqtt.publish(
                repeat
                        ? OutboundMessage.heartbeat(point.topic, payload.get(), device.qos())
                        : OutboundMessage.retained(point.topic, payload.get(), device.qos()));
        retained.published(point.topic);
    }

    private void markBad(String error) {
        long now = ticker.nanoTime();
        for (PointState point : points.values()) {
            Sample latest = point.latest;
            if (latest != null) offer(point, Sample.bad(latest.point(), error, clock.instant()), now);
        }
    }

    /** Online unless every point with a reading is bad: then it answers but refuses the whole mapping. */
    private DeviceStatus answeredStatus() {
        Collection<PointState> states = points.values();
        String firstError = null;
        for (PointState point : states) {
            Sample latest = point.latest;
            if (latest == null) continue;
            if (!PayloadCodec.isBad(latest)) return DeviceStatus.online();
            if (firstError == null) {
                firstError = latest.error().orElse(latest.value().isEmpty() ? "no value" : PayloadCodec.NOT_A_NUMBER);
            }
        }
        return firstError == null ? DeviceStatus.online() : DeviceStatus.error("every point refused: " + firstError);
    }

    private void setStatus(DeviceStatus next) {
        if (next.equals(status)) return;
        status = next;
        switch (next.state()) {
            case ONLINE -> LOG.info("Device {} online.", device.name());
            case OFFLINE ->
                LOG.info("Device {} offline: {}.", device.name(), next.error().orElse("not polled yet"));
            case ERROR ->
                LOG.warn("Device {} error: {}.", device.name(), next.error().orElse(""));
        }
        if (started) publishStatus();
    }

    private void publishStatus() {
        mqtt.publish(OutboundMessage.retained(statusTopic, PayloadCodec.status(status, clock.millis()), device.qos()));
        retained.published(statusTopic);
    }
}

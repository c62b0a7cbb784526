package io.rung.config;

import java.time.Duration;
import java.util.List;

/** One PLC of {@code devices:}, with its points. */
public record DeviceConfig(
        String name,
        String topic,
        DeviceConnection connection,
        Schedule schedule,
        Mode mode,
        Format format,
        int qos,
        Duration heartbeat,
        Duration maxCommandAge,
        ByteOrder order,
        Timestamps timestamps,
        List<PointConfig> points) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_COMMAND_AGE = Duration.ofSeconds(10);

    public DeviceConfig {
        points = List.copyOf(points);
    }

    /** OPC UA only: monitored items (default) or Read calls on the schedule. Modbus devices always poll. */
    public enum Mode {
        SUBSCRIBE,
        POLL
    }

    /** {@code json}: {@code {"value":…,"ts":…,"quality":…}}; {@code raw}: the bare value. */
    public enum Format {
        JSON,
        RAW
    }

    /** OPC UA: which clock {@code ts} reads. */
    public enum Timestamps {
        SOURCE,
        GATEWAY
    }

    /** How a device is reached. */
    public sealed interface DeviceConnection permits ModbusConfig, OpcUaConfig {
        String url();
    }

    /** When a device is polled: every {@code poll} or on a Quartz {@code cron} expression. */
    public sealed interface Schedule {
        /** A fixed interval, measured on the monotonic clock. */
        record Every(Duration interval) implements Schedule {}

        /** A Quartz cron expression such as {@code 0/5 * * * * ?}. */
        record Cron(String expression) implements Schedule {}
    }
}

package io.rung.drivers.api;

import java.time.Instant;
import java.util.Optional;

/**
 * One reading of one point.
 *
 * @param value empty when the quality is {@link Quality#BAD}
 * @param sourceTime when the value was sampled (Modbus: the gateway clock at the response; OPC UA: source time)
 * @param error why the value is bad or stale, in plain words
 */
public record Sample(
        PointAddress point, Optional<Value> value, Quality quality, Instant sourceTime, Optional<String> error) {
    public static Sample good(PointAddress point, Value value, Instant time) {
        return new Sample(point, Optional.of(value), Quality.GOOD, time, Optional.empty());
    }

    public static Sample bad(PointAddress point, String error, Instant time) {
        return new Sample(point, Optional.empty(), Quality.BAD, time, Optional.of(error));
    }
}

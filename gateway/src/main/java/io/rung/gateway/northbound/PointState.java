package io.rung.gateway.northbound;

import io.rung.config.PointConfig;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.mapping.PayloadCodec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the publisher remembers about one point: the latest sample, the reference (the last one published, which
 * deadband and heartbeat compare with) and, under backpressure, the one newest sample waiting to go out.
 */
final class PointState {
    final PointConfig config;
    final String topic;
    /** 0 = no heartbeat. */
    final long heartbeatNanos;

    @Nullable
    Sample latest;

    @Nullable
    Sample reference;

    long referenceNanos;

    @Nullable
    Sample pending;

    boolean pendingRepeat;

    PointState(PointConfig config, String topic, long heartbeatNanos) {
        this.config = config;
        this.topic = topic;
        this.heartbeatNanos = heartbeatNanos;
    }

    boolean heartbeatDue(long now) {
        return heartbeatNanos > 0 && reference != null && now - referenceNanos >= heartbeatNanos;
    }

    /** True if {@code sample} differs from the reference by more than {@code deadband} or in quality. */
    boolean significant(Sample sample, BigDecimal deadband) {
        Sample ref = reference;
        if (ref == null) return true;
        Quality refQuality = quality(ref);
        if (refQuality != quality(sample)) return true;
        if (refQuality == Quality.BAD) return false;
        Value before = ref.value().orElseThrow();
        Value now = sample.value().orElseThrow();
        if (deadband.signum() > 0) {
            BigDecimal a = numeric(before);
            BigDecimal b = numeric(now);
            if (a != null && b != null) return a.subtract(b).abs().compareTo(deadband) > 0;
        }
        return !same(before, now);
    }

    /** The quality as published: a NaN or a missing value is {@code bad}. */
    static Quality quality(Sample sample) {
        return PayloadCodec.isBad(sample) ? Quality.BAD : sample.quality();
    }

    /** Equal as published: byte strings by content, decimals by value (1.0 = 1.00), arrays element by element. */
    static boolean same(Value a, Value b) {
        if (a instanceof Value.Bytes x && b instanceof Value.Bytes y) return Arrays.equals(x.value(), y.value());
        if (a instanceof Value.Decimal x && b instanceof Value.Decimal y)
            return x.value().compareTo(y.value()) == 0;
        if (a instanceof Value.Array x && b instanceof Value.Array y) {
            List<Value> xs = x.values();
            List<Value> ys = y.values();
            if (xs.size() != ys.size()) return false;
            for (int i = 0; i < xs.size(); i++) {
                if (!same(xs.get(i), ys.get(i))) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    /** The value as an exact decimal (floats by their shortest text), or null when it is not a number. */
    static @Nullable BigDecimal numeric(Value value) {
        if (value instanceof Value.Int i) return BigDecimal.valueOf(i.value());
        if (value instanceof Value.UInt64 u) return new BigDecimal(u.value());
        if (value instanceof Value.Decimal d) return d.value();
        if (value instanceof Value.Float32 f) return new BigDecimal(Float.toString(f.value()));
        if (value instanceof Value.Float64 d) return BigDecimal.valueOf(d.value());
        return null;
    }
}

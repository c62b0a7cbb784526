package io.rung.drivers.opcua;

import io.rung.config.DeviceConfig;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * A {@link DataValue} of one point to a {@link Sample}: Good → good, Uncertain → stale, Bad → bad with the status in
 * words; the time is the SourceTimestamp, else the ServerTimestamp, else the arrival (always the arrival with
 * {@code timestamps: gateway}); NaN and infinities are bad.
 */
final class SampleMapper {
    private final DeviceConfig.Timestamps timestamps;
    private final Clock clock;

    SampleMapper(DeviceConfig.Timestamps timestamps, Clock clock) {
        this.timestamps = timestamps;
        this.clock = clock;
    }

    Sample toSample(PointAddress point, DataValue dv) {
        Instant time = time(dv);
        String node = point.config().node().orElse("?");
        StatusCode status = dv.getStatusCode() == null ? StatusCode.GOOD : dv.getStatusCode();
        if (status.isBad()) return Sample.bad(point, StatusText.aboutNode(node, status), time);
        Value value;
        try {
            value = ValueDecoder.decode(
                    dv.getValue() == null ? null : dv.getValue().getValue());
        } catch (ValueDecoder.UnsupportedValueException e) {
            return Sample.bad(point, "node " + node + ": " + e.getMessage(), time);
        }
        Optional<String> notFinite = notFinite(value);
        if (notFinite.isPresent()) return Sample.bad(point, notFinite.get(), time);
        value = Scaling.of(point.config()).toEngineering(value);
        if (status.isUncertain()) {
            return new Sample(
                    point, Optional.of(value), Quality.STALE, time, Optional.of(StatusText.aboutNode(node, status)));
        }
        return Sample.good(point, value, time);
    }

    Sample bad(PointAddress point, String error) {
        return Sample.bad(point, error, clock.instant());
    }

    private Instant time(DataValue dv) {
        if (timestamps == DeviceConfig.Timestamps.GATEWAY) return clock.instant();
        if (usable(dv.getSourceTime())) return dv.getSourceTime().getJavaInstant();
        if (usable(dv.getServerTime())) return dv.getServerTime().getJavaInstant();
        return clock.instant();
    }

    private static boolean usable(DateTime t) {
        return t != null && !t.isNull() && t.isValid() && t.getUtcTime() > 0;
    }

    private static Optional<String> notFinite(Value value) {
        double d;
        if (value instanceof Value.Float32 f) d = f.value();
        else if (value instanceof Value.Float64 f) d = f.value();
        else return Optional.empty();
        if (Double.isNaN(d)) return Optional.of("NaN");
        if (Double.isInfinite(d)) return Optional.of(d > 0 ? "Infinity" : "-Infinity");
        return Optional.empty();
    }
}

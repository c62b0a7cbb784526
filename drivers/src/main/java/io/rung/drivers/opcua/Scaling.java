package io.rung.drivers.opcua;

import io.rung.config.PointConfig;
import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * A point's linear scaling, engineering = raw × scale + offset. Integer raw values become decimals rounded to the
 * decimals of {@code scale} (or {@code decimals}); float raw values stay floats unless {@code decimals} is set.
 * Writes go the other way: raw = (engineering − offset) / scale.
 */
record Scaling(BigDecimal scale, BigDecimal offset, OptionalInt decimals) {
    static Scaling of(PointConfig point) {
        return new Scaling(point.scale(), point.offset(), point.decimals());
    }

    boolean isIdentity() {
        return scale.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0 && decimals.isEmpty();
    }

    Value toEngineering(Value raw) {
        if (isIdentity()) return raw;
        if (raw instanceof Value.Int i) return exact(BigDecimal.valueOf(i.value()));
        if (raw instanceof Value.UInt64 u) return exact(new BigDecimal(u.value()));
        if (raw instanceof Value.Float32 f) return floating(f.value());
        if (raw instanceof Value.Float64 d) return floating(d.value());
        if (raw instanceof Value.Array a)
            return new Value.Array(a.values().stream().map(this::toEngineering).toList());
        return raw;
    }

    /** The raw value for an engineering value; exact for integers, within double precision otherwise. */
    BigDecimal toRaw(BigDecimal engineering) {
        if (isIdentity()) return engineering;
        return engineering.subtract(offset).divide(scale, MathContext.DECIMAL64);
    }

    /** The raw deadband of an engineering deadband. */
    double rawDeadband(BigDecimal engineering) {
        return engineering.divide(scale.abs(), MathContext.DECIMAL64).doubleValue();
    }

    private Value exact(BigDecimal raw) {
        int places = decimals.orElse(Math.max(
                scale.stripTrailingZeros().scale(), offset.stripTrailingZeros().scale()));
        return new Value.Decimal(raw.multiply(scale).add(offset).setScale(Math.max(places, 0), RoundingMode.HALF_UP));
    }

    private Value floating(double raw) {
        if (!Double.isFinite(raw)) return new Value.Float64(raw);
        BigDecimal eng = BigDecimal.valueOf(raw).multiply(scale).add(offset);
        if (decimals.isPresent()) return new Value.Decimal(eng.setScale(decimals.getAsInt(), RoundingMode.HALF_UP));
        return new Value.Float64(eng.doubleValue());
    }
}

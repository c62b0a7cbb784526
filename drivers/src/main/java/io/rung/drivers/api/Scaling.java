package io.rung.drivers.api;

import io.rung.config.PointConfig;
import io.rung.config.PointType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * A point's linear conversion between raw and engineering values: value = raw × scale + offset.
 *
 * <p>Reading, an integer raw value is converted exactly and rounded to {@code decimals}, or else to the decimals
 * written in {@code scale} and {@code offset}, so {@code 12345 × 0.1} is {@code 1234.5}; a float raw value is
 * taken at its shortest decimal form. Without scaling a value is returned as it is ({@link Value.Int},
 * {@link Value.UInt64}, {@link Value.Float32} …). Writing, raw = (value − offset) / scale, rounded to the nearest
 * integer for integer types (ties away from zero), and must fit the type: it is never wrapped, clamped or truncated.
 *
 * <pre>{@code
 * Scaling s = Scaling.of(point);                    // scale 0.1
 * s.toEngineering(new Value.Int(12345));            // Decimal 1234.5
 * s.toRaw(new Value.Decimal(new BigDecimal("7000")), PointType.UINT16);  // throws: does not fit uint16
 * }</pre>
 */
public record Scaling(BigDecimal scale, BigDecimal offset, OptionalInt decimals) {
    /** No conversion at all. */
    public static final Scaling IDENTITY = new Scaling(BigDecimal.ONE, BigDecimal.ZERO, OptionalInt.empty());

    public static Scaling of(PointConfig point) {
        return new Scaling(point.scale(), point.offset(), point.decimals());
    }

    /** True when values pass unchanged: scale 1, offset 0 and no {@code decimals}. */
    public boolean isIdentity() {
        return scale.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0 && decimals.isEmpty();
    }

    /**
     * The engineering value of a raw value. Numbers become {@link Value.Decimal} when scaled; NaN and infinite
     * floats, bools, text and anything else are returned unchanged.
     */
    public Value toEngineering(Value raw) {
        if (isIdentity()) return raw;
        BigDecimal number;
        boolean integer = raw instanceof Value.Int || raw instanceof Value.UInt64;
        if (raw instanceof Value.Int i) {
            number = BigDecimal.valueOf(i.value());
        } else if (raw instanceof Value.UInt64 u) {
            number = new BigDecimal(u.value());
        } else if (raw instanceof Value.Float32 f && Float.isFinite(f.value())) {
            number = new BigDecimal(Float.toString(f.value()));
        } else if (raw instanceof Value.Float64 d && Double.isFinite(d.value())) {
            number = BigDecimal.valueOf(d.value());
        } else {
            return raw;
        }
        BigDecimal value = number.multiply(scale).add(offset);
        if (decimals.isPresent()) {
            value = value.setScale(decimals.getAsInt(), RoundingMode.HALF_UP);
        } else if (integer) {
            value = value.setScale(Math.max(0, Math.max(scale.scale(), offset.scale())), RoundingMode.HALF_UP);
        }
        return new Value.Decimal(value);
    }

    /**
     * The raw value to write for an engineering value: {@link Value.Int} for integer types up to int64,
     * {@link Value.UInt64} for uint64, {@link Value.Float32}/{@link Value.Float64}, {@link Value.Bool} for bool and
     * {@link Value.Text} for string.
     *
     * @throws ConversionException when the value is not a number, or its raw value does not fit the type
     */
    public Value toRaw(Value value, PointType type) throws ConversionException {
        if (type == PointType.STRING) return new Value.Text(text(value));
        if (type == PointType.BOOL) return new Value.Bool(bool(value));
        BigDecimal engineering = number(value);
        if (scale.signum() == 0) throw new ConversionException("scale 0 cannot be inverted for writing");
        BigDecimal raw =
                isIdentity() ? engineering : engineering.subtract(offset).divide(scale, MathContext.DECIMAL128);
        if (type == PointType.FLOAT32 || type == PointType.FLOAT64) {
            double d = raw.doubleValue();
            double max = type == PointType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
            if (Double.isInfinite(d) || Math.abs(d) > max) {
                throw new ConversionException(describe(engineering, raw) + " does not fit " + type.yamlName());
            }
            return type == PointType.FLOAT32 ? new Value.Float32((float) d) : new Value.Float64(d);
        }
        BigInteger rounded = raw.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        IntegerRange range = IntegerRange.of(type);
        if (!range.contains(rounded)) {
            throw new ConversionException(describe(engineering, new BigDecimal(rounded)) + " does not fit "
                    + type.yamlName() + " (" + range + ")");
        }
        return type == PointType.UINT64 ? new Value.UInt64(rounded) : new Value.Int(rounded.longValueExact());
    }

    private String describe(BigDecimal engineering, BigDecimal raw) {
        String rawText = raw.stripTrailingZeros().toPlainString();
        if (isIdentity()) return rawText;
        return engineering.stripTrailingZeros().toPlainString() + " (raw " + rawText + ")";
    }

    private static BigDecimal number(Value value) throws ConversionException {
        if (value instanceof Value.Int i) return BigDecimal.valueOf(i.value());
        if (value instanceof Value.UInt64 u) return new BigDecimal(u.value());
        if (value instanceof Value.Decimal d) return d.value();
        if (value instanceof Value.Bool b) return b.value() ? BigDecimal.ONE : BigDecimal.ZERO;
        if (value instanceof Value.Text t) return parse(t.value());
        if (value instanceof Value.Float32 f) {
            if (!Float.isFinite(f.value())) throw new ConversionException(f.value() + " cannot be written");
            return new BigDecimal(Float.toString(f.value()));
        }
        if (value instanceof Value.Float64 d) {
            if (!Double.isFinite(d.value())) throw new ConversionException(d.value() + " cannot be written");
            return BigDecimal.valueOf(d.value());
        }
        throw new ConversionException("a " + kind(value) + " is not a number");
    }

    private static BigDecimal parse(String text) throws ConversionException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new ConversionException("\"" + text + "\" is not a number");
        }
    }

    private static boolean bool(Value value) throws ConversionException {
        if (value instanceof Value.Bool b) return b.value();
        if (value instanceof Value.Int i && (i.value() == 0 || i.value() == 1)) return i.value() == 1;
        if (value instanceof Value.Decimal d && d.value().compareTo(BigDecimal.ZERO) == 0) return false;
        if (value instanceof Value.Decimal d && d.value().compareTo(BigDecimal.ONE) == 0) return true;
        if (value instanceof Value.Text t
                && (t.value().equals("true") || t.value().equals("false"))) {
            return t.value().equals("true");
        }
        throw new ConversionException(text(value) + " is not a bool (true, false, 1 or 0)");
    }

    private static String text(Value value) {
        if (value instanceof Value.Text t) return t.value();
        if (value instanceof Value.Bool b) return Boolean.toString(b.value());
        if (value instanceof Value.Int i) return Long.toString(i.value());
        if (value instanceof Value.UInt64 u) return u.value().toString();
        if (value instanceof Value.Float32 f) return Float.toString(f.value());
        if (value instanceof Value.Float64 d) return Double.toString(d.value());
        if (value instanceof Value.Decimal d) return d.value().toPlainString();
        return "a " + kind(value);
    }

    private static String kind(Value value) {
        if (value instanceof Value.Bytes) return "byte string";
        if (value instanceof Value.Time) return "date and time";
        if (value instanceof Value.Array) return "array";
        return "value";
    }
}

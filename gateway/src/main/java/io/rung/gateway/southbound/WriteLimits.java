package io.rung.gateway.southbound;

import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The value checks of DESIGN.md "Commands": {@code min}/{@code max} on the engineering value, and the raw value,
 * (value − offset) / scale, rounded to the nearest integer for integer types, must fit the point's type: never
 * wrapped, clamped or truncated. A string must fit its registers.
 */
final class WriteLimits {
    private static final int PLAIN_DIGITS = 40;

    private WriteLimits() {}

    static void check(Value value, PointConfig point, String label) throws CommandRefusedException {
        if (value instanceof Value.Decimal decimal) {
            checkRange(decimal.value(), point);
            if (point.type().isPresent())
                checkRaw(decimal.value(), point, point.type().get());
        } else if (value instanceof Value.Text text
                && point.type().orElse(null) == PointType.STRING
                && point.length() > 0) {
            int bytes = text.value().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > point.length() * 2) {
                throw new CommandRefusedException("text of " + bytes + " bytes does not fit point " + label
                        + " (string of " + point.length() + " registers, " + point.length() * 2 + " bytes)");
            }
        }
    }

    private static void checkRange(BigDecimal value, PointConfig point) throws CommandRefusedException {
        if (point.min().isPresent() && value.compareTo(point.min().get()) < 0) {
            throw new CommandRefusedException(
                    text(value) + " is below min " + text(point.min().get()));
        }
        if (point.max().isPresent() && value.compareTo(point.max().get()) > 0) {
            throw new CommandRefusedException(
                    text(value) + " is above max " + text(point.max().get()));
        }
    }

    private static void checkRaw(BigDecimal value, PointConfig point, PointType type) throws CommandRefusedException {
        if (point.scale().signum() == 0) return;
        BigDecimal raw = value.subtract(point.offset()).divide(point.scale(), MathContext.DECIMAL128);
        switch (type) {
            case FLOAT32 -> checkFloat(value, raw, Float.MAX_VALUE, type);
            case FLOAT64 -> checkFloat(value, raw, Double.MAX_VALUE, type);
            case INT16 ->
                checkInteger(
                        value, raw, type, BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE));
            case UINT16 -> checkInteger(value, raw, type, BigInteger.ZERO, BigInteger.valueOf(0xffff));
            case INT32 ->
                checkInteger(
                        value, raw, type, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            case UINT32 -> checkInteger(value, raw, type, BigInteger.ZERO, BigInteger.valueOf(0xffff_ffffL));
            case INT64 ->
                checkInteger(value, raw, type, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
            case UINT64 ->
                checkInteger(
                        value,
                        raw,
                        type,
                        BigInteger.ZERO,
                        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            default -> {}
        }
    }

    private static void checkFloat(BigDecimal value, BigDecimal raw, double max, PointType type)
            throws CommandRefusedException {
        if (raw.abs().compareTo(new BigDecimal(max)) > 0) {
            throw new CommandRefusedException(
                    text(value) + " does not fit " + type.yamlName() + " (raw value " + text(raw) + ")");
        }
    }

    private static void checkInteger(BigDecimal value, BigDecimal raw, PointType type, BigInteger lo, BigInteger hi)
            throws CommandRefusedException {
        // Compared before rounding so that a huge exponent is never expanded into a huge integer.
        boolean fits = raw.compareTo(new BigDecimal(lo).subtract(BigDecimal.ONE)) > 0
                && raw.compareTo(new BigDecimal(hi).add(BigDecimal.ONE)) < 0;
        BigDecimal rounded = fits ? raw.setScale(0, RoundingMode.HALF_UP) : raw;
        if (!fits
                || rounded.toBigIntegerExact().compareTo(lo) < 0
                || rounded.toBigIntegerExact().compareTo(hi) > 0) {
            throw new CommandRefusedException(text(value) + " does not fit " + type.yamlName() + " (raw value "
                    + text(fits ? rounded : raw) + ", allowed " + lo + ".." + hi + ")");
        }
    }

    /** A number as users write it: plain, unless that would take more than 40 digits. */
    static String text(BigDecimal value) {
        int digits = Math.max(value.precision() - value.scale(), value.scale());
        return digits > PLAIN_DIGITS ? value.toString() : value.toPlainString();
    }
}

package io.rung.gateway.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Floating-point numbers as their shortest round-tripping decimal, written as JSON numbers.
 *
 * <p>JDK 17's {@code Float.toString} and {@code Double.toString} round-trip but are not always shortest (about one
 * float in ten prints a digit too many, e.g. {@code 1.18846831E13}), so their digit count is only the starting
 * point: fewer digits are tried until the value no longer reads back, down to two (as JDK 19+ does, so that
 * {@code Float.MIN_VALUE} is {@code 1.4E-45}, not the less accurate {@code 1.0E-45}). Magnitudes from 1e-7 up to 1e21 (the range
 * a JavaScript client prints plainly too) are written plain, {@code 12345678.0} rather than {@code 1.2345678E7};
 * others keep the exponent, {@code 1.4E-45}, which is valid JSON. Integral values keep {@code .0}, like
 * {@code Float.toString}, so a float point always reads as a float.
 */
final class NumberText {
    private static final double PLAIN_MIN = 1e-7;
    private static final double PLAIN_LIMIT = 1e21;

    private NumberText() {}

    /** The shortest decimal that reads back as {@code f}; {@code f} must be finite. */
    static String float32(float f) {
        if (f == 0) return Float.floatToRawIntBits(f) < 0 ? "-0.0" : "0.0";
        boolean powerOfTwo = (Float.floatToRawIntBits(f) & 0x7fffff) == 0;
        BigDecimal shortest = shortest(Float.toString(f), new BigDecimal(f), powerOfTwo, c -> Float.parseFloat(c) == f);
        return format(shortest, Math.abs(f));
    }

    /** The shortest decimal that reads back as {@code d}; {@code d} must be finite. */
    static String float64(double d) {
        if (d == 0) return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        boolean powerOfTwo = (Double.doubleToRawLongBits(d) & 0xfffffffffffffL) == 0;
        BigDecimal shortest =
                shortest(Double.toString(d), new BigDecimal(d), powerOfTwo, c -> Double.parseDouble(c) == d);
        return format(shortest, Math.abs(d));
    }

    private static BigDecimal shortest(
            String javaText, BigDecimal exact, boolean powerOfTwo, Predicate<String> readsBack) {
        BigDecimal best = new BigDecimal(javaText).stripTrailingZeros();
        for (int digits = best.precision() - 1; digits >= 2; digits--) {
            BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (readsBack.test(nearest.toString())) {
                best = nearest;
                continue;
            }
            // At a power of two the gap towards zero is half the gap away from it, so the nearest candidate
            // may miss while the one further out still reads back.
            BigDecimal away = exact.round(new MathContext(digits, RoundingMode.UP));
            if (powerOfTwo && readsBack.test(away.toString())) {
                best = away;
                continue;
            }
            break;
        }
        return best.stripTrailingZeros();
    }

    private static String format(BigDecimal value, double magnitude) {
        if (magnitude >= PLAIN_MIN && magnitude < PLAIN_LIMIT) {
            String plain = value.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String digits = value.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - value.scale();
        String fraction = digits.length() > 1 ? digits.substring(1) : "0";
        return (value.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + fraction + "E" + exponent;
    }
}

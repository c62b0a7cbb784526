package io.rung.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scalar being read as the type its key expects, from its literal text. Each conversion reports a problem at
 * the scalar's location and returns empty when the text does not fit.
 */
record ScalarValue(YamlNode.Scalar scalar, String path, Problems problems) {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,15})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})(B|KiB|MiB|GiB)");
    private static final Pattern SIZE_TYPO = Pattern.compile("([0-9]{1,15})\\s*([kKmMgG])(i?[bB])?");

    /** The YAML spellings of an enum's constants: lower case, {@code SIGN_AND_ENCRYPT} as {@code signAndEncrypt}. */
    static <E extends Enum<E>> Map<String, E> names(E[] constants) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E e : constants) {
            String[] words = e.name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder name = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            names.put(name.toString(), e);
        }
        return names;
    }

    /** The YAML spelling of one constant, as {@link #names} gives it. */
    static <E extends Enum<E>> String nameOf(E constant) {
        return names(constant.getDeclaringClass().getEnumConstants()).entrySet().stream()
                .filter(e -> e.getValue() == constant)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    String text() {
        return scalar.text();
    }

    void error(String message) {
        problems.error(scalar, path, message);
    }

    void warn(String message) {
        problems.warn(scalar, path, message);
    }

    /** Reports {@code rule} (from {@link Topics} and the like) with the value, if present; true when it passed. */
    boolean passes(Optional<String> rule) {
        rule.ifPresent(r -> error(r + " " + scalar.was()));
        return rule.isEmpty();
    }

    /** A whole number in {@code min..max}. */
    Optional<Long> integer(long min, long max) {
        if (!INTEGER.matcher(text()).matches()) {
            if (text().matches("-?[0-9]+")) return outOfRange(min, max);
            error("must be a whole number " + scalar.was());
            return Optional.empty();
        }
        long value = Long.parseLong(text());
        return value < min || value > max ? outOfRange(min, max) : Optional.of(value);
    }

    private Optional<Long> outOfRange(long min, long max) {
        error((max == Long.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max) + " "
                + scalar.was());
        return Optional.empty();
    }

    /** Only {@code true} and {@code false}: YAML 1.1's yes/no/on/off are refused, not guessed. */
    Optional<Boolean> bool() {
        if (text().equals("true")) return Optional.of(true);
        if (text().equals("false")) return Optional.of(false);
        error("must be true or false " + scalar.was());
        return Optional.empty();
    }

    /** A decimal number, exactly as written ({@code 0.1} stays 0.1). */
    Optional<BigDecimal> decimal() {
        if (!DECIMAL.matcher(text()).matches()) {
            error("must be a number " + scalar.was());
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text()));
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}; a bare {@code 0} is zero. */
    Optional<Duration> duration() {
        if (text().equals("0")) return Optional.of(Duration.ZERO);
        Matcher m = DURATION.matcher(text());
        if (!m.matches()) {
            String hint = text().matches("[0-9]+")
                    ? "needs a unit: ms, s, m, h or d "
                    : "must be a duration such as " + "500ms, 5s, 2m, 1h or 7d ";
            error(hint + scalar.was());
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
    }

    /** {@code 512B}, {@code 256KiB}, {@code 16MiB}, {@code 1GiB}; a bare {@code 0} is zero. */
    Optional<DataSize> size() {
        if (text().equals("0")) return Optional.of(DataSize.ofBytes(0));
        Matcher m = SIZE.matcher(text());
        if (!m.matches()) {
            Matcher typo = SIZE_TYPO.matcher(text());
            String hint = typo.matches() && !scalar.substituted()
                    ? "; did you mean '" + typo.group(1) + typo.group(2).toUpperCase(Locale.ROOT) + "iB'?"
                    : "";
            String was = scalar.was();
            error("must be a size such as 512B, 256KiB, 16MiB or 1GiB " + was.substring(0, was.length() - 1) + hint
                    + ")");
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "B" -> 1L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            default -> 1L << 30;
        };
        try {
            return Optional.of(DataSize.ofBytes(Math.multiplyExact(n, unit)));
        } catch (ArithmeticException e) {
            error("is too large " + scalar.was());
            return Optional.empty();
        }
    }

    /** One of the YAML spellings in {@code names} (case-sensitive), with a hint when one is close. */
    <E> Optional<E> choice(Map<String, E> names) {
        E value = names.get(text());
        if (value != null) return Optional.of(value);
        String hint = scalar.substituted() ? "" : DidYouMean.hint(text(), names.keySet());
        error("must be one of " + String.join(", ", names.keySet()) + " " + scalar.was() + hint);
        return Optional.empty();
    }
}

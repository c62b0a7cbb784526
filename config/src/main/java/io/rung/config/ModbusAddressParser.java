package io.rung.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a point's {@code address}: {@code holding:N}, {@code input:N}, {@code coil:N}, {@code discrete:N},
 * {@code holding:N.B}, {@code input:N.B}, or a 5- or 6-digit Modicon number taken from the YAML text
 * ({@code 40201} is {@code holding:200}, {@code 00010} is {@code coil:9}).
 */
final class ModbusAddressParser {
    private static final Pattern TABLE = Pattern.compile("([a-zA-Z]+):([0-9]{1,9})(?:\\.([0-9]{1,9}))?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Map<String, ModbusAddress.Kind> KINDS = Arrays.stream(ModbusAddress.Kind.values())
            .collect(Collectors.toMap(ModbusAddress.Kind::yamlName, k -> k, (a, b) -> a, LinkedHashMap::new));
    private static final String FORMS = "holding:N, input:N, coil:N, discrete:N, holding:N.B, input:N.B";

    private ModbusAddressParser() {}

    static Optional<ModbusAddress> parse(ScalarValue value) {
        String text = value.text().strip();
        if (DIGITS.matcher(text).matches()) return modicon(value, text);
        Matcher m = TABLE.matcher(text);
        if (!m.matches()) {
            value.error("must be one of " + FORMS + " or a 5- or 6-digit Modicon number such as 40201 "
                    + value.scalar().was());
            return Optional.empty();
        }
        String kindName = m.group(1);
        ModbusAddress.Kind kind = KINDS.get(kindName);
        if (kind == null) {
            String hint = DidYouMean.hint(kindName.toLowerCase(Locale.ROOT), KINDS.keySet());
            value.error("register table must be one of holding, input, coil, discrete "
                    + (value.scalar().substituted() ? value.scalar().was() : "(was '" + kindName + "')" + hint));
            return Optional.empty();
        }
        long offset = Long.parseLong(m.group(2));
        if (offset > 65535) {
            value.error("offset must be between 0 and 65535 " + value.scalar().was());
            return Optional.empty();
        }
        int bit = -1;
        if (m.group(3) != null) {
            if (kind.isBit()) {
                value.error("a bit number (.B) applies to holding and input registers only "
                        + value.scalar().was());
                return Optional.empty();
            }
            long b = Long.parseLong(m.group(3));
            if (b > 15) {
                value.error("bit must be between 0 and 15 " + value.scalar().was());
                return Optional.empty();
            }
            bit = (int) b;
        }
        if (!value.scalar().substituted()) warnIfModiconLike(value, kind, offset);
        return Optional.of(new ModbusAddress(kind, (int) offset, bit, 0));
    }

    /** {@code 4xxxx}/{@code 3xxxx}/{@code 0xxxx}/{@code 1xxxx} and six-digit forms: offset = number − base − 1. */
    private static Optional<ModbusAddress> modicon(ScalarValue value, String text) {
        long number = Long.parseLong(text);
        if (text.length() != 5 && text.length() != 6) {
            value.error("a bare number must be a 5- or 6-digit Modicon number such as 40201; for register "
                    + (value.scalar().substituted() ? "N write holding:N " : number + " write holding:" + number + " ")
                    + value.scalar().was());
            return Optional.empty();
        }
        ModbusAddress.Kind kind = switch (text.charAt(0)) {
            case '0' -> ModbusAddress.Kind.COIL;
            case '1' -> ModbusAddress.Kind.DISCRETE;
            case '3' -> ModbusAddress.Kind.INPUT;
            case '4' -> ModbusAddress.Kind.HOLDING;
            default -> null;
        };
        if (kind == null) {
            value.error("a Modicon number starts with 0 (coil), 1 (discrete input), 3 (input register) or 4 (holding "
                    + "register) " + value.scalar().was());
            return Optional.empty();
        }
        long base = (text.charAt(0) - '0') * (text.length() == 5 ? 10_000L : 100_000L);
        long offset = number - base - 1;
        long highest = text.length() == 5 ? 9_998 : 65_535;
        if (offset < 0 || offset > highest) {
            long first = base + 1;
            value.error("Modicon number must be between " + pad(first, text.length()) + " and "
                    + pad(base + highest + 1, text.length()) + " "
                    + value.scalar().was());
            return Optional.empty();
        }
        return Optional.of(new ModbusAddress(kind, (int) offset, -1, (int) number));
    }

    private static String pad(long n, int width) {
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }

    /** {@code holding:40201} is legal (offset 40201) but usually meant the Modicon number 40201. */
    private static void warnIfModiconLike(ScalarValue value, ModbusAddress.Kind kind, long offset) {
        long base = switch (kind) {
            case HOLDING -> 40_000;
            case INPUT -> 30_000;
            case DISCRETE -> 10_000;
            case COIL -> -1;
        };
        if (base > 0 && offset > base && offset < base + 10_000) {
            value.warn("offset " + offset + " looks like a Modicon number; if so write " + offset + " or "
                    + kind.yamlName() + ":" + (offset - base - 1) + " (0-based offsets)");
        }
    }
}

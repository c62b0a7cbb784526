package io.rung.gateway.mapping;

import io.rung.drivers.api.Value;
import java.util.Base64;

/** Values as JSON text: exact integers, shortest floats, plain decimals, escaped strings, ISO 8601 UTC times. */
final class ValueText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ValueText() {}

    /** False when the value, or any element of an array, is NaN or infinite (JSON has no text for those). */
    static boolean isFinite(Value value) {
        if (value instanceof Value.Float32 f) return Float.isFinite(f.value());
        if (value instanceof Value.Float64 d) return Double.isFinite(d.value());
        if (value instanceof Value.Array a) return a.values().stream().allMatch(ValueText::isFinite);
        return true;
    }

    /** Appends the JSON text of a finite value. */
    static void appendJson(StringBuilder out, Value value) {
        if (value instanceof Value.Bool b) {
            out.append(b.value());
        } else if (value instanceof Value.Int i) {
            out.append(i.value());
        } else if (value instanceof Value.UInt64 u) {
            out.append(u.value());
        } else if (value instanceof Value.Float32 f) {
            out.append(NumberText.float32(f.value()));
        } else if (value instanceof Value.Float64 d) {
            out.append(NumberText.float64(d.value()));
        } else if (value instanceof Value.Decimal d) {
            out.append(d.value().toPlainString());
        } else if (value instanceof Value.Text t) {
            appendString(out, t.value());
        } else if (value instanceof Value.Bytes b) {
            appendString(out, Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof Value.Time t) {
            appendString(out, t.value().toString());
        } else if (value instanceof Value.Array a) {
            out.append('[');
            for (int i = 0; i < a.values().size(); i++) {
                if (i > 0) out.append(',');
                appendJson(out, a.values().get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "unknown value kind " + value.getClass().getSimpleName());
        }
    }

    /** The text published for a value in {@code format: raw}: JSON for numbers, bools and arrays, bare text else. */
    static String raw(Value value) {
        if (value instanceof Value.Text t) return t.value();
        if (value instanceof Value.Bytes b) return Base64.getEncoder().encodeToString(b.value());
        if (value instanceof Value.Time t) return t.value().toString();
        return json(value);
    }

    static String json(Value value) {
        StringBuilder out = new StringBuilder(16);
        appendJson(out, value);
        return out.toString();
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

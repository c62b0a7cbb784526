package io.rung.drivers.opcua;

import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * {@link Value} to the Java object Milo writes for a node's built-in data type. Numbers are never wrapped, clamped or
 * truncated: a value that does not fit the type, or a fraction for an integer type, is refused in words.
 */
final class ValueEncoder {
    private ValueEncoder() {}

    /** Encodes a scalar, or an array when {@code value} is an {@link Value.Array}. */
    static Object encode(Value value, OpcUaDataType type, Scaling scaling) throws ValueRejectedException {
        if (value instanceof Value.Array a) {
            Class<?> element = type.getBackingClass();
            List<Value> values = a.values();
            Object array = java.lang.reflect.Array.newInstance(element, values.size());
            for (int i = 0; i < values.size(); i++) {
                java.lang.reflect.Array.set(array, i, scalar(values.get(i), type, scaling));
            }
            return array;
        }
        return scalar(value, type, scaling);
    }

    private static Object scalar(Value value, OpcUaDataType type, Scaling scaling) throws ValueRejectedException {
        switch (type) {
            case Boolean:
                return bool(value);
            case SByte:
                return (byte) integral(value, type, scaling, Byte.MIN_VALUE, Byte.MAX_VALUE)
                        .longValue();
            case Byte:
                return UByte.valueOf(integral(value, type, scaling, 0, 255).longValue());
            case Int16:
                return (short) integral(value, type, scaling, Short.MIN_VALUE, Short.MAX_VALUE)
                        .longValue();
            case UInt16:
                return UShort.valueOf(integral(value, type, scaling, 0, 65535).intValue());
            case Int32:
                return (int) integral(value, type, scaling, Integer.MIN_VALUE, Integer.MAX_VALUE)
                        .longValue();
            case UInt32:
                return UInteger.valueOf(
                        integral(value, type, scaling, 0, 0xFFFF_FFFFL).longValue());
            case Int64:
                return integral(value, type, scaling, Long.MIN_VALUE, Long.MAX_VALUE)
                        .longValue();
            case UInt64:
                return ULong.valueOf(integral(value, type, scaling, BigInteger.ZERO, ULong.MAX_VALUE));
            case Float:
                return (float) real(value, type, scaling);
            case Double:
                return real(value, type, scaling);
            case String:
                return text(value, type);
            case LocalizedText:
                return LocalizedText.english(text(value, type));
            case DateTime:
                return time(value);
            case ByteString:
                return bytes(value);
            case Guid:
                return guid(value);
            default:
                throw new ValueRejectedException("writing data type " + type.name() + " is not supported");
        }
    }

    private static Boolean bool(Value value) throws ValueRejectedException {
        if (value instanceof Value.Bool b) return b.value();
        if (value instanceof Value.Int i && (i.value() == 0 || i.value() == 1)) return i.value() == 1;
        throw new ValueRejectedException(show(value) + " is not a boolean (the node is Boolean)");
    }

    private static BigInteger integral(Value value, OpcUaDataType type, Scaling scaling, long min, long max)
            throws ValueRejectedException {
        return integral(value, type, scaling, BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    private static BigInteger integral(Value value, OpcUaDataType type, Scaling scaling, BigInteger min, BigInteger max)
            throws ValueRejectedException {
        BigDecimal engineering = number(value, type);
        BigDecimal raw = scaling.toRaw(engineering);
        BigInteger whole;
        if (scaling.isIdentity()) {
            if (raw.stripTrailingZeros().scale() > 0) {
                throw new ValueRejectedException(
                        show(value) + " is not a whole number (the node is " + type.name() + ")");
            }
            whole = raw.toBigIntegerExact();
        } else {
            whole = raw.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        }
        if (whole.compareTo(min) < 0 || whole.compareTo(max) > 0) {
            throw new ValueRejectedException(type.name() + " must be between " + min + " and " + max + " (was " + whole
                    + (scaling.isIdentity() ? "" : " after scaling") + ")");
        }
        return whole;
    }

    private static double real(Value value, OpcUaDataType type, Scaling scaling) throws ValueRejectedException {
        if (scaling.isIdentity() && value instanceof Value.Float32 f) return f.value();
        if (scaling.isIdentity() && value instanceof Value.Float64 d) return d.value();
        double raw = scaling.toRaw(number(value, type)).doubleValue();
        if (type == OpcUaDataType.Float && Double.isFinite(raw) && Math.abs(raw) > Float.MAX_VALUE) {
            throw new ValueRejectedException(show(value) + " is too large for Float");
        }
        return raw;
    }

    private static BigDecimal number(Value value, OpcUaDataType type) throws ValueRejectedException {
        if (value instanceof Value.Int i) return BigDecimal.valueOf(i.value());
        if (value instanceof Value.UInt64 u) return new BigDecimal(u.value());
        if (value instanceof Value.Decimal d) return d.value();
        if (value instanceof Value.Float32 f && Float.isFinite(f.value()))
            return new BigDecimal(Float.toString(f.value()));
        if (value instanceof Value.Float64 d && Double.isFinite(d.value())) return BigDecimal.valueOf(d.value());
        throw new ValueRejectedException(show(value) + " is not a number (the node is " + type.name() + ")");
    }

    private static String text(Value value, OpcUaDataType type) throws ValueRejectedException {
        if (value instanceof Value.Text t) return t.value();
        throw new ValueRejectedException(show(value) + " is not text (the node is " + type.name() + ")");
    }

    private static DateTime time(Value value) throws ValueRejectedException {
        if (value instanceof Value.Time t) return new DateTime(t.value());
        if (value instanceof Value.Text t) {
            try {
                return new DateTime(Instant.parse(t.value()));
            } catch (DateTimeParseException e) {
                throw new ValueRejectedException(
                        "'" + t.value() + "' is not an ISO 8601 time such as 2026-01-31T12:00:00Z");
            }
        }
        throw new ValueRejectedException(show(value) + " is not a time (the node is DateTime)");
    }

    private static ByteString bytes(Value value) throws ValueRejectedException {
        if (value instanceof Value.Bytes b) return ByteString.of(b.value());
        if (value instanceof Value.Text t) {
            try {
                return ByteString.of(Base64.getDecoder().decode(t.value()));
            } catch (IllegalArgumentException e) {
                throw new ValueRejectedException("text for a ByteString node must be base64");
            }
        }
        throw new ValueRejectedException(show(value) + " is not bytes (the node is ByteString)");
    }

    private static UUID guid(Value value) throws ValueRejectedException {
        if (value instanceof Value.Text t) {
            try {
                return UUID.fromString(t.value());
            } catch (IllegalArgumentException e) {
                throw new ValueRejectedException("'" + t.value() + "' is not a guid");
            }
        }
        throw new ValueRejectedException(show(value) + " is not a guid (the node is Guid)");
    }

    /** A short rendering of a value for messages (text is quoted, bytes are counted). */
    static String show(Value value) {
        if (value instanceof Value.Bool b) return Boolean.toString(b.value());
        if (value instanceof Value.Int i) return Long.toString(i.value());
        if (value instanceof Value.UInt64 u) return u.value().toString();
        if (value instanceof Value.Float32 f) return Float.toString(f.value());
        if (value instanceof Value.Float64 d) return Double.toString(d.value());
        if (value instanceof Value.Decimal d) return d.value().toPlainString();
        if (value instanceof Value.Text t) return "'" + t.value() + "'";
        if (value instanceof Value.Bytes b) return b.value().length + " bytes";
        if (value instanceof Value.Time t) return t.value().toString();
        if (value instanceof Value.Array a) return "an array of " + a.values().size();
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A value that does not fit the node; the message is meant for users. */
    static final class ValueRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        ValueRejectedException(String message) {
            super(message);
        }
    }
}

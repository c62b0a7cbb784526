package io.rung.drivers.opcua;

import io.rung.drivers.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.types.UaEnumeratedType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Matrix;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.XmlElement;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.jspecify.annotations.Nullable;

/**
 * OPC UA built-in values to {@link Value}: Boolean → Bool, integers → Int (UInt64 → UInt64), Float → Float32,
 * Double → Float64, String → Text, DateTime → Time, LocalizedText → Text of its text, ByteString → Bytes, arrays and
 * matrices → Array. Structures are refused with a message in words.
 */
final class ValueDecoder {
    private ValueDecoder() {}

    static Value decode(@Nullable Object o) throws UnsupportedValueException {
        if (o == null) throw new UnsupportedValueException("the node has no value (null)");
        if (o instanceof Boolean b) return new Value.Bool(b);
        if (o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long) {
            return new Value.Int(((Number) o).longValue());
        }
        if (o instanceof UByte || o instanceof UShort || o instanceof UInteger) {
            return new Value.Int(((Number) o).longValue());
        }
        if (o instanceof ULong u) return new Value.UInt64(u.toBigInteger());
        if (o instanceof Float f) return new Value.Float32(f);
        if (o instanceof Double d) return new Value.Float64(d);
        if (o instanceof String s) return new Value.Text(s);
        if (o instanceof DateTime t) return new Value.Time(t.getJavaInstant());
        if (o instanceof LocalizedText t) return new Value.Text(t.getText() == null ? "" : t.getText());
        if (o instanceof ByteString b) return new Value.Bytes(b.bytesOrEmpty());
        if (o instanceof UUID g) return new Value.Text(g.toString());
        if (o instanceof XmlElement x) return new Value.Text(x.getFragment() == null ? "" : x.getFragment());
        if (o instanceof QualifiedName q) return new Value.Text(q.getName() == null ? "" : q.getName());
        if (o instanceof NodeId n) return new Value.Text(NodeAddress.indexed(n));
        if (o instanceof ExpandedNodeId n) return new Value.Text(n.toParseableString());
        if (o instanceof StatusCode s) return new Value.Text(StatusText.name(s));
        if (o instanceof UaEnumeratedType e) return new Value.Int(e.getValue());
        if (o instanceof Matrix m) {
            if (m.isNull()) throw new UnsupportedValueException("the node has no value (null matrix)");
            return decode(m.nestedArrayValue());
        }
        if (o.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(o);
            List<Value> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) values.add(decode(java.lang.reflect.Array.get(o, i)));
            return new Value.Array(values);
        }
        throw new UnsupportedValueException("values of type " + o.getClass().getSimpleName()
                + " (structures and other non built-in types) are not supported");
    }

    /** A value Rung cannot represent; the message is meant for users. */
    static final class UnsupportedValueException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedValueException(String message) {
            super(message);
        }
    }
}

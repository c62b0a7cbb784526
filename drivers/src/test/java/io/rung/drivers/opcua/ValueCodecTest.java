package io.rung.drivers.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Matrix;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.Test;

/** OPC UA built-in values to Rung values and back, with scaling and range checks. */
class ValueCodecTest {
    static final Scaling NONE = new Scaling(BigDecimal.ONE, BigDecimal.ZERO, OptionalInt.empty());

    @Test
    void decodesScalars() throws Exception {
        assertThat(ValueDecoder.decode(UByte.valueOf(255))).isEqualTo(new Value.Int(255));
        assertThat(ValueDecoder.decode(UInteger.valueOf(4_000_000_000L))).isEqualTo(new Value.Int(4_000_000_000L));
        assertThat(ValueDecoder.decode(ULong.MAX)).isEqualTo(new Value.UInt64(ULong.MAX_VALUE));
        assertThat(ValueDecoder.decode(1.5f)).isEqualTo(new Value.Float32(1.5f));
        assertThat(ValueDecoder.decode(new LocalizedText("de", "Hallo"))).isEqualTo(new Value.Text("Hallo"));
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(ValueDecoder.decode(new DateTime(t))).isEqualTo(new Value.Time(t));
    }

    @Test
    void decodesArraysAndMatrices() throws Exception {
        assertThat(ValueDecoder.decode(new Integer[] {1, 2}))
                .isEqualTo(new Value.Array(List.of(new Value.Int(1), new Value.Int(2))));
        assertThat(ValueDecoder.decode(Matrix.ofInt32(new int[][] {{1, 2}, {3, 4}})))
                .isEqualTo(new Value.Array(List.of(
                        new Value.Array(List.of(new Value.Int(1), new Value.Int(2))),
                        new Value.Array(List.of(new Value.Int(3), new Value.Int(4))))));
    }

    @Test
    void nullValueIsRefused() {
        assertThatThrownBy(() -> ValueDecoder.decode(null)).hasMessage("the node has no value (null)");
    }

    @Test
    void encodesToTheNodeType() throws Exception {
        assertThat(ValueEncoder.encode(new Value.Int(200), OpcUaDataType.Byte, NONE))
                .isEqualTo(UByte.valueOf(200));
        assertThat(ValueEncoder.encode(new Value.Float64(2.0), OpcUaDataType.UInt16, NONE))
                .isEqualTo(UShort.valueOf(2));
        assertThat(ValueEncoder.encode(
                        new Value.UInt64(new BigInteger("18446744073709551615")), OpcUaDataType.UInt64, NONE))
                .isEqualTo(ULong.MAX);
        assertThat(ValueEncoder.encode(new Value.Int(1), OpcUaDataType.Boolean, NONE))
                .isEqualTo(true);
        assertThat((Object[]) ValueEncoder.encode(
                        new Value.Array(List.of(new Value.Int(1), new Value.Int(2))), OpcUaDataType.Int16, NONE))
                .containsExactly((short) 1, (short) 2);
    }

    @Test
    void neverWrapsOrTruncates() {
        assertThatThrownBy(() -> ValueEncoder.encode(new Value.Int(256), OpcUaDataType.Byte, NONE))
                .hasMessage("Byte must be between 0 and 255 (was 256)");
        assertThatThrownBy(() -> ValueEncoder.encode(new Value.Int(-1), OpcUaDataType.UInt32, NONE))
                .hasMessage("UInt32 must be between 0 and 4294967295 (was -1)");
        assertThatThrownBy(() -> ValueEncoder.encode(new Value.Float64(2.5), OpcUaDataType.Int64, NONE))
                .hasMessage("2.5 is not a whole number (the node is Int64)");
        assertThatThrownBy(() -> ValueEncoder.encode(new Value.Text("x"), OpcUaDataType.Double, NONE))
                .hasMessage("'x' is not a number (the node is Double)");
    }

    @Test
    void scalingGoesBothWays() throws Exception {
        Scaling tenth = new Scaling(new BigDecimal("0.1"), new BigDecimal("-40"), OptionalInt.empty());
        assertThat(tenth.toEngineering(new Value.Int(612))).isEqualTo(new Value.Decimal(new BigDecimal("21.2")));
        assertThat(ValueEncoder.encode(new Value.Decimal(new BigDecimal("21.2")), OpcUaDataType.Int16, tenth))
                .isEqualTo((short) 612);
        assertThat(tenth.rawDeadband(new BigDecimal("0.5"))).isEqualTo(5.0);
        assertThat(NONE.toEngineering(new Value.Int(7))).isEqualTo(new Value.Int(7));
    }
}

package io.rung.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.ByteOrder;
import io.rung.config.PointType;
import io.rung.drivers.api.ConversionException;
import io.rung.drivers.api.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterCodecTest {
    private static final List<ByteOrder> ORDERS =
            List.of(ByteOrder.ABCD, ByteOrder.CDAB, ByteOrder.BADC, ByteOrder.DCBA);

    /** Known wire vectors: the value 0x01020304 (int32) and 0x0102030405060708 (int64) in every order. */
    static Stream<Arguments> knownVectors() {
        return Stream.of(
                Arguments.of(PointType.INT32, "ABCD", new int[] {0x0102, 0x0304}, new Value.Int(0x01020304)),
                Arguments.of(PointType.INT32, "CDAB", new int[] {0x0304, 0x0102}, new Value.Int(0x01020304)),
                Arguments.of(PointType.INT32, "BADC", new int[] {0x0201, 0x0403}, new Value.Int(0x01020304)),
                Arguments.of(PointType.INT32, "DCBA", new int[] {0x0403, 0x0201}, new Value.Int(0x01020304)),
                Arguments.of(
                        PointType.INT64,
                        "ABCD",
                        new int[] {0x0102, 0x0304, 0x0506, 0x0708},
                        new Value.Int(0x0102030405060708L)),
                Arguments.of(
                        PointType.INT64,
                        "CDAB",
                        new int[] {0x0708, 0x0506, 0x0304, 0x0102},
                        new Value.Int(0x0102030405060708L)),
                Arguments.of(
                        PointType.INT64,
                        "BADC",
                        new int[] {0x0201, 0x0403, 0x0605, 0x0807},
                        new Value.Int(0x0102030405060708L)),
                Arguments.of(
                        PointType.INT64,
                        "DCBA",
                        new int[] {0x0807, 0x0605, 0x0403, 0x0201},
                        new Value.Int(0x0102030405060708L)),
                Arguments.of(
                        PointType.INT64,
                        "CDABGHEF",
                        new int[] {0x0304, 0x0102, 0x0708, 0x0506},
                        new Value.Int(0x0102030405060708L)),
                Arguments.of(PointType.FLOAT32, "ABCD", new int[] {0x3F80, 0x0000}, new Value.Float32(1.0f)),
                Arguments.of(PointType.FLOAT32, "CDAB", new int[] {0x0000, 0x3F80}, new Value.Float32(1.0f)),
                Arguments.of(PointType.FLOAT32, "BADC", new int[] {0x803F, 0x0000}, new Value.Float32(1.0f)),
                Arguments.of(PointType.FLOAT32, "DCBA", new int[] {0x0000, 0x803F}, new Value.Float32(1.0f)),
                Arguments.of(
                        PointType.FLOAT64, "ABCD", new int[] {0x3FB9, 0x9999, 0x9999, 0x999A}, new Value.Float64(0.1)),
                Arguments.of(
                        PointType.FLOAT64, "DCBA", new int[] {0x9A99, 0x9999, 0x9999, 0xB93F}, new Value.Float64(0.1)),
                Arguments.of(PointType.INT16, "ABCD", new int[] {0xFFFE}, new Value.Int(-2)),
                Arguments.of(PointType.INT16, "BADC", new int[] {0xFEFF}, new Value.Int(-2)),
                Arguments.of(PointType.INT16, "CDAB", new int[] {0x8000}, new Value.Int(-32768)),
                Arguments.of(PointType.UINT16, "ABCD", new int[] {0xFFFE}, new Value.Int(65534)),
                Arguments.of(PointType.UINT16, "DCBA", new int[] {0x0102}, new Value.Int(0x0201)),
                Arguments.of(PointType.UINT32, "ABCD", new int[] {0xFFFF, 0xFFFF}, new Value.Int(4294967295L)),
                Arguments.of(PointType.INT32, "ABCD", new int[] {0xFFFF, 0xFFFF}, new Value.Int(-1)),
                Arguments.of(
                        PointType.UINT64,
                        "ABCD",
                        new int[] {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
                        new Value.UInt64(new BigInteger("18446744073709551615"))),
                Arguments.of(PointType.BOOL, "ABCD", new int[] {0x0100}, new Value.Bool(true)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("knownVectors")
    void decodesKnownVector(PointType type, String order, int[] registers, Value expected) {
        assertThat(RegisterCodec.decode(type, new ByteOrder(order), 0, registers, 0))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("knownVectors")
    void encodesKnownVector(PointType type, String order, int[] registers, Value value) throws ConversionException {
        if (type == PointType.BOOL) return; // bool encodes as 1, not as the 0x0100 it decodes from
        assertThat(RegisterCodec.encode(type, new ByteOrder(order), 0, value)).containsExactly(registers);
    }

    static Stream<Arguments> everyTypeAndOrder() {
        List<Arguments> all = new ArrayList<>();
        Value[] samples = {
            new Value.Bool(true),
            new Value.Int(-12345),
            new Value.Int(54321),
            new Value.Int(-123456789),
            new Value.Int(3_000_000_000L),
            new Value.Int(-1_234_567_890_123L),
            new Value.UInt64(new BigInteger("18000000000000000000")),
            new Value.Float32(-273.15f),
            new Value.Float64(6.02214076e23),
            new Value.Text("Pump 7")
        };
        PointType[] types = {
            PointType.BOOL,
            PointType.INT16,
            PointType.UINT16,
            PointType.INT32,
            PointType.UINT32,
            PointType.INT64,
            PointType.UINT64,
            PointType.FLOAT32,
            PointType.FLOAT64,
            PointType.STRING
        };
        for (int i = 0; i < types.length; i++) {
            for (ByteOrder order : ORDERS) all.add(Arguments.of(types[i], order, samples[i]));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndOrder")
    void everyTypeRoundTripsInEveryOrder(PointType type, ByteOrder order, Value value) throws ConversionException {
        int[] registers = RegisterCodec.encode(type, order, 4, value);
        assertThat(registers).hasSize(RegisterCodec.registers(type, 4));
        int[] framed = new int[registers.length + 2];
        System.arraycopy(registers, 0, framed, 1, registers.length);
        assertThat(RegisterCodec.decode(type, order, 4, framed, 1)).isEqualTo(value);
    }

    @Test
    void float32DecodesToItsShortestDecimal() {
        Value v = RegisterCodec.decode(PointType.FLOAT32, ByteOrder.ABCD, 0, new int[] {0x3DCC, 0xCCCD}, 0);
        assertThat(Float.toString(((Value.Float32) v).value())).isEqualTo("0.1");
    }

    @Test
    void float32NaNDecodesAsNaN() {
        Value v = RegisterCodec.decode(PointType.FLOAT32, ByteOrder.CDAB, 0, new int[] {0x0000, 0x7FC0}, 0);
        assertThat(((Value.Float32) v).value()).isNaN();
    }

    @Test
    void stringHasTwoCharactersPerRegisterHighByteFirst() {
        assertThat(RegisterCodec.decode(PointType.STRING, ByteOrder.ABCD, 2, new int[] {0x5255, 0x4E47}, 0))
                .isEqualTo(new Value.Text("RUNG"));
    }

    @Test
    void stringInByteSwappedOrderHasFirstCharacterInLowByte() {
        assertThat(RegisterCodec.decode(PointType.STRING, ByteOrder.BADC, 2, new int[] {0x5552, 0x474E}, 0))
                .isEqualTo(new Value.Text("RUNG"));
    }

    @Test
    void stringIsCutAtFirstNulAndTrailingSpacesTrimmed() {
        assertThat(RegisterCodec.decode(PointType.STRING, ByteOrder.ABCD, 3, new int[] {0x4142, 0x2020, 0x4344}, 0))
                .isEqualTo(new Value.Text("AB  CD"));
        assertThat(RegisterCodec.decode(PointType.STRING, ByteOrder.ABCD, 3, new int[] {0x4142, 0x2020, 0x2020}, 0))
                .isEqualTo(new Value.Text("AB"));
        assertThat(RegisterCodec.decode(PointType.STRING, ByteOrder.ABCD, 3, new int[] {0x4100, 0x4243, 0x4445}, 0))
                .isEqualTo(new Value.Text("A"));
    }

    @Test
    void stringEncodingPadsWithNul() throws ConversionException {
        assertThat(RegisterCodec.encode(PointType.STRING, ByteOrder.ABCD, 3, new Value.Text("ABC")))
                .containsExactly(0x4142, 0x4300, 0x0000);
    }

    @Test
    void tooLongStringIsRefusedInWords() {
        assertThatThrownBy(() -> RegisterCodec.encode(PointType.STRING, ByteOrder.ABCD, 2, new Value.Text("HELLO")))
                .isInstanceOf(ConversionException.class)
                .hasMessage("text of 5 characters does not fit 2 registers (4 characters)");
    }

    @Test
    void bitsOfRegisterCountFromLeastSignificant() {
        assertThat(RegisterCodec.bit(0b0000_0000_0000_0101, 0)).isTrue();
        assertThat(RegisterCodec.bit(0b0000_0000_0000_0101, 1)).isFalse();
        assertThat(RegisterCodec.bit(0x8000, 15)).isTrue();
        assertThat(RegisterCodec.withBit(0x00F0, 0, true)).isEqualTo(0x00F1);
        assertThat(RegisterCodec.withBit(0x80F0, 15, false)).isEqualTo(0x00F0);
    }
}

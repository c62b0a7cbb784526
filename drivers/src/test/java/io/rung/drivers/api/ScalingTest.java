package io.rung.drivers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.PointType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static Scaling scaling(String scale, String offset) {
        return new Scaling(new BigDecimal(scale), new BigDecimal(offset), OptionalInt.empty());
    }

    private static Value.Decimal decimal(String text) {
        return new Value.Decimal(new BigDecimal(text));
    }

    @Test
    void integerTimesScaleIsRoundedToDecimalsOfScale() {
        assertThat(scaling("0.1", "0").toEngineering(new Value.Int(12345))).isEqualTo(decimal("1234.5"));
        assertThat(scaling("0.01", "0").toEngineering(new Value.Int(-5))).isEqualTo(decimal("-0.05"));
        assertThat(scaling("0.1", "-40").toEngineering(new Value.Int(650))).isEqualTo(decimal("25.0"));
    }

    @Test
    void explicitDecimalsOverrideTheDecimalsOfScale() {
        Scaling s = new Scaling(new BigDecimal("0.333"), BigDecimal.ZERO, OptionalInt.of(1));
        assertThat(s.toEngineering(new Value.Int(10))).isEqualTo(decimal("3.3"));
    }

    @Test
    void unscaledValuesKeepTheirKind() {
        assertThat(Scaling.IDENTITY.toEngineering(new Value.Int(-7))).isEqualTo(new Value.Int(-7));
        assertThat(Scaling.IDENTITY.toEngineering(new Value.Float32(0.1f))).isEqualTo(new Value.Float32(0.1f));
        Value big = new Value.UInt64(new BigInteger("18446744073709551615"));
        assertThat(Scaling.IDENTITY.toEngineering(big)).isEqualTo(big);
    }

    @Test
    void scaledFloatUsesItsShortestDecimal() {
        assertThat(scaling("10", "0").toEngineering(new Value.Float32(0.1f))).isEqualTo(decimal("1.0"));
    }

    @Test
    void nanStaysNanSoTheCallerCanMarkItBad() {
        assertThat(scaling("0.1", "0").toEngineering(new Value.Float32(Float.NaN)))
                .isEqualTo(new Value.Float32(Float.NaN));
    }

    @Test
    void inverseRoundsToNearestInteger() throws ConversionException {
        assertThat(scaling("0.1", "0").toRaw(decimal("1234.56"), PointType.UINT16))
                .isEqualTo(new Value.Int(12346));
        assertThat(scaling("0.1", "-40").toRaw(decimal("25"), PointType.INT16)).isEqualTo(new Value.Int(650));
        assertThat(scaling("0.5", "0").toRaw(new Value.Float64(-1.25), PointType.INT16))
                .isEqualTo(new Value.Int(-3));
    }

    @Test
    void valueThatDoesNotFitIsRefusedNeverWrapped() {
        assertThatThrownBy(() -> Scaling.IDENTITY.toRaw(new Value.Int(70000), PointType.UINT16))
                .isInstanceOf(ConversionException.class)
                .hasMessage("70000 does not fit uint16 (0..65535)");
        assertThatThrownBy(() -> Scaling.IDENTITY.toRaw(new Value.Int(-1), PointType.UINT32))
                .hasMessage("-1 does not fit uint32 (0..4294967295)");
        assertThatThrownBy(() -> scaling("0.1", "0").toRaw(decimal("3276.8"), PointType.INT16))
                .hasMessage("3276.8 (raw 32768) does not fit int16 (-32768..32767)");
        assertThatThrownBy(() -> Scaling.IDENTITY.toRaw(new Value.Float64(1e39), PointType.FLOAT32))
                .hasMessage("1000000000000000000000000000000000000000 does not fit float32");
    }

    @Test
    void uint64KeepsItsFullRange() throws ConversionException {
        Value max = new Value.UInt64(new BigInteger("18446744073709551615"));
        assertThat(Scaling.IDENTITY.toRaw(max, PointType.UINT64)).isEqualTo(max);
    }

    @Test
    void floatsAreConvertedWithoutIntegerRounding() throws ConversionException {
        assertThat(scaling("0.1", "0").toRaw(decimal("2.15"), PointType.FLOAT32))
                .isEqualTo(new Value.Float32(21.5f));
    }

    @Test
    void textThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> Scaling.IDENTITY.toRaw(new Value.Text("fast"), PointType.UINT16))
                .hasMessage("\"fast\" is not a number");
    }

    @Test
    void boolAcceptsOneAndZero() throws ConversionException {
        assertThat(Scaling.IDENTITY.toRaw(new Value.Int(1), PointType.BOOL)).isEqualTo(new Value.Bool(true));
        assertThatThrownBy(() -> Scaling.IDENTITY.toRaw(new Value.Int(2), PointType.BOOL))
                .hasMessage("2 is not a bool (true, false, 1 or 0)");
    }
}

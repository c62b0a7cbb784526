package io.rung.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.DeviceConfig.Format;
import io.rung.config.ModbusAddress;
import io.rung.config.PointConfig;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {
    private static final Instant TS = Instant.ofEpochMilli(1764358200123L);
    private static final PointAddress POINT = new PointAddress(
            "plc-1", PointConfig.modbus("temperature", ModbusAddress.of(ModbusAddress.Kind.HOLDING, 100)));

    private static String json(Value value) {
        return json(Sample.good(POINT, value, TS), Optional.empty());
    }

    private static String json(Sample sample, Optional<String> unit) {
        return new String(PayloadCodec.sample(sample, Format.JSON, unit).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static Optional<String> raw(Sample sample) {
        return PayloadCodec.sample(sample, Format.RAW, Optional.empty())
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void goodValueWithUnitIsWrittenAsDesignShows() {
        assertThat(json(Sample.good(POINT, new Value.Float32(21.5f), TS), Optional.of("°C")))
                .isEqualTo("{\"value\":21.5,\"ts\":1764358200123,\"quality\":\"good\",\"unit\":\"°C\"}");
    }

    @Test
    void unitIsLeftOutWhenNotSet() {
        assertThat(json(new Value.Int(7))).isEqualTo("{\"value\":7,\"ts\":1764358200123,\"quality\":\"good\"}");
    }

    @Test
    void float32IsItsShortestDecimal() {
        assertThat(json(new Value.Float32(0.1f))).startsWith("{\"value\":0.1,");
        assertThat(PayloadCodec.valueJson(new Value.Float32(0.1f))).isEqualTo("0.1");
        // JDK 17's Float.toString prints 1.18846831E13 for this float; 8 digits read back the same.
        assertThat(PayloadCodec.valueJson(new Value.Float32(1.1884683E13f))).isEqualTo("11884683000000.0");
        assertThat(PayloadCodec.valueJson(new Value.Float32(-6.853802E8f))).isEqualTo("-685380200.0");
    }

    @Test
    void floatsArePlainBetweenOneTenMillionthAndTenToTheTwentyOne() {
        assertThat(PayloadCodec.valueJson(new Value.Float32(1.0E7f))).isEqualTo("10000000.0");
        assertThat(PayloadCodec.valueJson(new Value.Float32(5.0E-4f))).isEqualTo("0.0005");
        assertThat(PayloadCodec.valueJson(new Value.Float32(21f))).isEqualTo("21.0");
        assertThat(PayloadCodec.valueJson(new Value.Float32(-0f))).isEqualTo("-0.0");
        assertThat(PayloadCodec.valueJson(new Value.Float32(Float.MIN_VALUE))).isEqualTo("1.4E-45");
        assertThat(PayloadCodec.valueJson(new Value.Float32(Float.MAX_VALUE))).isEqualTo("3.4028235E38");
    }

    @Test
    void float64IsItsShortestDecimalToo() {
        assertThat(PayloadCodec.valueJson(new Value.Float64(0.1))).isEqualTo("0.1");
        assertThat(PayloadCodec.valueJson(new Value.Float64(1234.5678))).isEqualTo("1234.5678");
        // JDK 17 prints 1.9999999999999998E23 here.
        assertThat(PayloadCodec.valueJson(new Value.Float64(2e23))).isEqualTo("2.0E23");
        assertThat(PayloadCodec.valueJson(new Value.Float64(1e-10))).isEqualTo("1.0E-10");
    }

    @Test
    void everyShortestFloatReadsBackExactly() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 5_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(f)) continue;
            String text = PayloadCodec.valueJson(new Value.Float32(f));
            assertThat(Float.parseFloat(text)).as(text).isEqualTo(f);
            int digits = new BigDecimal(text).stripTrailingZeros().precision();
            assertThat(digits).as(text).isLessThanOrEqualTo(9);
        }
    }

    @Test
    void integersAreExact() {
        assertThat(PayloadCodec.valueJson(new Value.Int(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
        assertThat(PayloadCodec.valueJson(
                        new Value.UInt64(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void decimalsArePlain() {
        assertThat(PayloadCodec.valueJson(new Value.Decimal(new BigDecimal("1.5E+3"))))
                .isEqualTo("1500");
        assertThat(PayloadCodec.valueJson(new Value.Decimal(new BigDecimal("1234.5"))))
                .isEqualTo("1234.5");
    }

    @Test
    void boolsTimesBytesAndArrays() {
        assertThat(PayloadCodec.valueJson(new Value.Bool(true))).isEqualTo("true");
        assertThat(PayloadCodec.valueJson(new Value.Time(Instant.parse("2025-11-28T19:30:00.123Z"))))
                .isEqualTo("\"2025-11-28T19:30:00.123Z\"");
        assertThat(PayloadCodec.valueJson(new Value.Bytes(new byte[] {1, 2, (byte) 0xff})))
                .isEqualTo("\"AQL/\"");
        assertThat(PayloadCodec.valueJson(
                        new Value.Array(List.of(new Value.Int(1), new Value.Float64(2.5), new Value.Text("x")))))
                .isEqualTo("[1,2.5,\"x\"]");
    }

    @Test
    void stringsAreJsonEscaped() {
        assertThat(PayloadCodec.valueJson(new Value.Text("a\"b\\c\nd\u0001é")))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
    }

    @Test
    void nanAndInfinityAreBadWithErrorNaN() {
        String expected = "{\"ts\":1764358200123,\"quality\":\"bad\",\"error\":\"NaN\"}";
        assertThat(json(new Value.Float32(Float.NaN))).isEqualTo(expected);
        assertThat(json(new Value.Float64(Double.POSITIVE_INFINITY))).isEqualTo(expected);
        assertThat(json(new Value.Float32(Float.NEGATIVE_INFINITY))).isEqualTo(expected);
        assertThat(json(new Value.Array(List.of(new Value.Float64(1), new Value.Float64(Double.NaN)))))
                .isEqualTo(expected);
    }

    @Test
    void badReadingOmitsTheValueAndGivesTheError() {
        assertThat(json(Sample.bad(POINT, "timeout after 1000 ms", TS), Optional.of("°C")))
                .isEqualTo(
                        "{\"ts\":1764358200123,\"quality\":\"bad\",\"unit\":\"°C\",\"error\":\"timeout after 1000 ms\"}");
    }

    @Test
    void staleReadingKeepsItsValueAndReason() {
        Sample stale = new Sample(POINT, Optional.of(new Value.Int(3)), Quality.STALE, TS, Optional.of("uncertain"));
        assertThat(json(stale, Optional.empty()))
                .isEqualTo("{\"value\":3,\"ts\":1764358200123,\"quality\":\"stale\",\"error\":\"uncertain\"}");
    }

    @Test
    void rawFormatPublishesJsonForNumbersAndBareTextForStrings() {
        assertThat(raw(Sample.good(POINT, new Value.Float32(21.5f), TS))).contains("21.5");
        assertThat(raw(Sample.good(POINT, new Value.Bool(false), TS))).contains("false");
        assertThat(raw(Sample.good(POINT, new Value.Text("héllo \"x\""), TS))).contains("héllo \"x\"");
        assertThat(raw(Sample.good(POINT, new Value.Array(List.of(new Value.Int(1), new Value.Int(2))), TS)))
                .contains("[1,2]");
        assertThat(raw(Sample.good(POINT, new Value.Time(Instant.parse("2025-11-28T19:30:00Z")), TS)))
                .contains("2025-11-28T19:30:00Z");
    }

    @Test
    void rawFormatPublishesNothingForABadReading() {
        assertThat(raw(Sample.bad(POINT, "timeout", TS))).isEmpty();
        assertThat(raw(Sample.good(POINT, new Value.Float64(Double.NaN), TS))).isEmpty();
    }

    @Test
    void statusPayloads() {
        assertThat(new String(PayloadCodec.status(DeviceStatus.online(), 1764358200123L), StandardCharsets.UTF_8))
                .isEqualTo("{\"state\":\"online\",\"ts\":1764358200123}");
        assertThat(new String(
                        PayloadCodec.status(DeviceStatus.offline("connection refused"), 5), StandardCharsets.UTF_8))
                .isEqualTo("{\"state\":\"offline\",\"error\":\"connection refused\",\"ts\":5}");
        assertThat(new String(
                        PayloadCodec.status(DeviceStatus.error("every point refused: x"), 5), StandardCharsets.UTF_8))
                .isEqualTo("{\"state\":\"error\",\"error\":\"every point refused: x\",\"ts\":5}");
    }

    @Test
    void resultPayloads() {
        assertThat(new String(
                        PayloadCodec.resultOk(
                                new Value.Decimal(new BigDecimal("1200")), Optional.of("\"a7\""), 1764358200123L),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"ok\":true,\"value\":1200,\"id\":\"a7\",\"ts\":1764358200123}");
        assertThat(new String(
                        PayloadCodec.resultError("1800 is above max 1500", Optional.empty()), StandardCharsets.UTF_8))
                .isEqualTo("{\"ok\":false,\"error\":\"1800 is above max 1500\"}");
        assertThat(new String(PayloadCodec.resultError("x", Optional.of("42")), StandardCharsets.UTF_8))
                .isEqualTo("{\"ok\":false,\"error\":\"x\",\"id\":42}");
    }
}

package io.rung.gateway.mapping;

import io.rung.config.DeviceConfig.Format;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the payloads of DESIGN.md "Topics and payloads": point values (JSON or raw), {@code $status} and command
 * results. Hand-written rather than through Jackson's generator: the shapes are fixed and small, and float text
 * needs its own rule anyway; one {@link StringBuilder} per payload.
 *
 * <pre>{@code
 * PayloadCodec.sample(sample, Format.JSON, Optional.of("°C"))
 *     // {"value":21.5,"ts":1764358200123,"quality":"good","unit":"°C"}
 * }</pre>
 */
public final class PayloadCodec {
    /** The error of a reading whose value is NaN or infinite. */
    public static final String NOT_A_NUMBER = "NaN";

    private PayloadCodec() {}

    /**
     * The payload of a reading on its value topic, or empty when nothing is to be published: a {@code bad}
     * reading in {@code raw} format (an empty retained payload would delete the last value).
     */
    public static Optional<byte[]> sample(Sample sample, Format format, Optional<String> unit) {
        Optional<Value> value = sample.value().filter(v -> sample.quality() != Quality.BAD);
        Quality quality = sample.quality();
        Optional<String> error = sample.error();
        if (value.isPresent() && !ValueText.isFinite(value.get())) {
            value = Optional.empty();
            quality = Quality.BAD;
            error = Optional.of(NOT_A_NUMBER);
        }
        if (value.isEmpty()) quality = Quality.BAD;
        if (format == Format.RAW) {
            return value.map(v -> ValueText.raw(v).getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder out = new StringBuilder(80).append('{');
        if (value.isPresent()) {
            out.append("\"value\":");
            ValueText.appendJson(out, value.get());
            out.append(',');
        }
        out.append("\"ts\":").append(sample.sourceTime().toEpochMilli());
        out.append(",\"quality\":\"")
                .append(quality.name().toLowerCase(Locale.ROOT))
                .append('"');
        if (unit.isPresent()) {
            out.append(",\"unit\":");
            ValueText.appendString(out, unit.get());
        }
        if (quality == Quality.BAD || error.isPresent()) {
            out.append(",\"error\":");
            ValueText.appendString(out, error.orElse("no value"));
        }
        return Optional.of(bytes(out.append('}')));
    }

    /** True when a reading would be published as {@code bad}: no value, bad quality, NaN or infinite. */
    public static boolean isBad(Sample sample) {
        return sample.quality() == Quality.BAD
                || sample.value().isEmpty()
                || !ValueText.isFinite(sample.value().get());
    }

    /** The JSON text of a finite value, as it appears after {@code "value":}; for results and audit lines. */
    public static String valueJson(Value value) {
        return ValueText.isFinite(value) ? ValueText.json(value) : NOT_A_NUMBER;
    }

    /** {@code s} as a JSON string literal, quotes and control characters escaped. */
    public static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        ValueText.appendString(out, s);
        return out.toString();
    }

    /** {@code {"state":"offline","error":"connection refused","ts":1764358200123}}. */
    public static byte[] status(DeviceStatus status, long tsMillis) {
        StringBuilder out = new StringBuilder(64)
                .append("{\"state\":\"")
                .append(status.state().text())
                .append('"');
        status.error().ifPresent(e -> {
            out.append(",\"error\":");
            ValueText.appendString(out, e);
        });
        return bytes(out.append(",\"ts\":").append(tsMillis).append('}'));
    }

    /**
     * {@code {"ok":true,"value":1200,"id":"a7","ts":1764358200123}}.
     *
     * @param idJson the command's {@code id} as the JSON text it was sent as, echoed unchanged
     */
    public static byte[] resultOk(Value written, Optional<String> idJson, long tsMillis) {
        StringBuilder out =
                new StringBuilder(64).append("{\"ok\":true,\"value\":").append(valueJson(written));
        idJson.ifPresent(id -> out.append(",\"id\":").append(id));
        return bytes(out.append(",\"ts\":").append(tsMillis).append('}'));
    }

    /** {@code {"ok":false,"error":"1800 is above max 1500"}}, with the command's {@code id} when it had one. */
    public static byte[] resultError(String error, Optional<String> idJson) {
        StringBuilder out = new StringBuilder(64).append("{\"ok\":false,\"error\":");
        ValueText.appendString(out, error);
        idJson.ifPresent(id -> out.append(",\"id\":").append(id));
        return bytes(out.append('}'));
    }

    private static byte[] bytes(StringBuilder out) {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}

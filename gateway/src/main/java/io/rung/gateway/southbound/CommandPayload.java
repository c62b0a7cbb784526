package io.rung.gateway.southbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rung.gateway.mapping.PayloadCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A command payload split into its value part, the {@code id} to echo and the sender's {@code ts}. The payload is
 * a bare JSON value ({@code 1200}, {@code true}, {@code "text"}), text that is not JSON, or an object
 * {@code {"value":…,"id":…,"ts":…}} with no other key. {@link CommandValue} then types the value for its point.
 *
 * @param idJson the id as the JSON text it was sent as (a string or a number)
 */
record CommandPayload(Body body, Optional<String> idJson, OptionalLong ts) {
    private static final Set<String> KEYS = Set.of("value", "id", "ts");
    private static final int SHOWN_CHARS = 40;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The value part, with how messages show it: {@code payload "fast"} or {@code value "fast"}. */
    sealed interface Body {
        String shown();
    }

    /** A JSON value: the whole payload, or the {@code value} of a command object. */
    record Json(JsonNode node, String shown) implements Body {}

    /** A payload that is not JSON: only a string point takes it, as its text. */
    record Text(String text, String shown) implements Body {}

    static CommandPayload parse(byte[] payload) throws CommandRefusedException {
        if (payload.length == 0) throw new CommandRefusedException("empty payload is not a command");
        String text = utf8(payload);
        String shown = "payload " + shown(text);
        if (text.stripLeading().startsWith("{")) return object(text, shown);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return new CommandPayload(new Text(text, shown), Optional.empty(), OptionalLong.empty());
        }
        if (node == null || node.isMissingNode()) {
            return new CommandPayload(new Text(text, shown), Optional.empty(), OptionalLong.empty());
        }
        return new CommandPayload(new Json(node, shown), Optional.empty(), OptionalLong.empty());
    }

    private static CommandPayload object(String text, String shown) throws CommandRefusedException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandRefusedException(shown + " is not a valid JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new CommandRefusedException(
                        "unknown key " + shown(name).replace('"', '\'') + " in command (allowed: value, id, ts)");
            }
        }
        JsonNode id = node.get("id");
        if (id != null && !id.isTextual() && !id.isNumber()) {
            throw new CommandRefusedException("id must be a string or a number");
        }
        JsonNode ts = node.get("ts");
        if (ts != null && !(ts.isIntegralNumber() && ts.canConvertToLong())) {
            throw new CommandRefusedException("ts must be a whole number of milliseconds since 1970-01-01 UTC");
        }
        JsonNode value = node.get("value");
        if (value == null) throw new CommandRefusedException("command has no 'value'");
        return new CommandPayload(
                new Json(value, "value " + shownJson(value)),
                Optional.ofNullable(id).map(JsonNode::toString),
                ts == null ? OptionalLong.empty() : OptionalLong.of(ts.longValue()));
    }

    private static String utf8(byte[] payload) throws CommandRefusedException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CommandRefusedException("payload is not valid UTF-8 text");
        }
    }

    /** Text for a message: a JSON string literal of at most 40 characters, cut with an ellipsis. */
    static String shown(String text) {
        return PayloadCodec.jsonString(text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text);
    }

    private static String shownJson(JsonNode node) {
        String json = node.toString();
        return json.length() > SHOWN_CHARS ? json.substring(0, SHOWN_CHARS) + "…" : json;
    }
}

package io.rung.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/** The one JSON mapper of the HTTP side, and lenient reading of payloads that may not be JSON. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** The payload as a JSON tree, or empty when it is not JSON (a {@code format: raw} string value). */
    static Optional<JsonNode> parse(byte[] payload) {
        if (payload.length == 0) return Optional.empty();
        try {
            JsonNode node = MAPPER.readTree(payload);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}

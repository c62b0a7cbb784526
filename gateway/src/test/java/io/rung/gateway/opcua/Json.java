package io.rung.gateway.opcua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses MQTT payloads for assertions; an empty or broken payload becomes an empty object node. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode of(String payload) {
        if (payload.isEmpty()) return MAPPER.createObjectNode();
        try {
            return MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError("payload is not JSON: " + payload, e);
        }
    }
}

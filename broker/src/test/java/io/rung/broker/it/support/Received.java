package io.rung.broker.it.support;

import java.nio.charset.StandardCharsets;

/** A message a {@link TestClient} received. */
public record Received(String topic, byte[] payload, int qos, boolean retain, boolean dup) {
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + " '" + text() + "' q" + qos + (retain ? " r" : "") + (dup ? " d" : "");
    }
}

package io.rung.gateway.doctor;

import java.util.Optional;

/**
 * One step of a client probe (DNS, TCP, TLS, WebSocket, MQTT CONNECT, round trip) and how it went.
 *
 * @param detail what was seen, such as {@code 203.0.113.5 answered in 12 ms}
 * @param cause for a failed step, the likely cause in plain words
 * @param fix for a failed step, what to do about it
 */
public record Step(String name, boolean ok, String detail, Optional<String> cause, Optional<String> fix) {
    static Step passed(String name, String detail) {
        return new Step(name, true, detail, Optional.empty(), Optional.empty());
    }

    static Step failed(String name, String detail, String cause, String fix) {
        return new Step(name, false, detail, Optional.of(cause), Optional.of(fix));
    }
}

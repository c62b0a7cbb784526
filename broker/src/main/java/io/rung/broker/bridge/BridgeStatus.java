package io.rung.broker.bridge;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A bridge's state and counters, for {@code $SYS/broker/bridges/<name>/…}, {@code /metrics} and {@code /health}
 * (a {@code required} bridge that is not connected makes the gateway unhealthy).
 *
 * @param queued messages waiting for the remote (memory and disk, and those handed over by publishers but not queued
 *               yet), in flight included
 * @param queuedBytes their topic and payload bytes, as {@code buffer.maxBytes} counts them
 * @param sent messages the remote acknowledged (QoS 0: written to the socket)
 * @param received messages received from the remote for {@code in} rules
 * @param dropped messages given up: queue full (oldest first), refused by the remote, expired, too large
 * @param skippedHeartbeats heartbeats (value and quality unchanged) not queued because the link was not connected
 * @param lastError why the last connection attempt failed or the link was lost; never a password
 */
public record BridgeStatus(
        String name,
        String url,
        State state,
        boolean required,
        long queued,
        long queuedBytes,
        long sent,
        long received,
        long dropped,
        long skippedHeartbeats,
        Optional<String> lastError) {
    /** Where the bridge's link stands. */
    public enum State {
        /** Dialling, TLS handshake or waiting for CONNACK. */
        CONNECTING,
        /** CONNACK accepted: forwarding. */
        CONNECTED,
        /** Waiting to retry after a failure or a lost link. */
        DISCONNECTED,
        /** Closed at shutdown. */
        STOPPED
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }

    /** The values published under {@code $SYS/broker/bridges/<name>/}. */
    public Map<String, String> sysValues() {
        String base = "$SYS/broker/bridges/" + name + "/";
        Map<String, String> v = new LinkedHashMap<>();
        v.put(base + "state", state.name().toLowerCase(Locale.ROOT));
        v.put(base + "connected", connected() ? "1" : "0");
        v.put(base + "queued", String.valueOf(queued));
        v.put(base + "sent", String.valueOf(sent));
        v.put(base + "received", String.valueOf(received));
        v.put(base + "dropped", String.valueOf(dropped));
        v.put(base + "skipped", String.valueOf(skippedHeartbeats));
        return v;
    }
}

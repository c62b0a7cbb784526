package io.rung.broker;

import java.time.Instant;
import java.util.Optional;

/**
 * One connected MQTT client at the moment {@link Broker#connectedClients()} looked; in-process clients are not listed.
 *
 * @param user the authenticated user; empty for an anonymous client
 * @param protocolVersion {@code 3.1}, {@code 3.1.1} or {@code 5}
 * @param listener the listener it came in on, such as {@code tcp:1883}, {@code wss:8084} or {@code http:8080}
 * @param transport {@code tcp}, {@code tls}, {@code ws} or {@code wss}
 * @param remoteAddress the client's address and port, such as {@code 192.168.1.7:50312}
 * @param subscriptions its subscriptions (topic filters)
 * @param queued messages waiting to be sent to it
 * @param inflight QoS 1 and 2 messages sent and not yet acknowledged
 */
public record ConnectedClient(
        String clientId,
        Optional<String> user,
        String protocolVersion,
        String listener,
        String transport,
        String remoteAddress,
        Instant connectedSince,
        int subscriptions,
        int queued,
        int inflight) {
    /** The MQTT version of a CONNECT's protocol level: 3 is {@code 3.1}, 4 is {@code 3.1.1}, 5 is {@code 5}. */
    public static String version(int protocolLevel) {
        return switch (protocolLevel) {
            case 3 -> "3.1";
            case 4 -> "3.1.1";
            case 5 -> "5";
            default -> String.valueOf(protocolLevel);
        };
    }
}

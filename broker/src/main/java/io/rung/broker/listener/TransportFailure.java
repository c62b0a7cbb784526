package io.rung.broker.listener;

/**
 * A user event the transport handlers (first bytes, TLS, WebSocket) fire towards the MQTT connection handler when
 * the connection cannot go on, so that it is logged once, with client id and user when known, and closed in one
 * place.
 *
 * @param reason plain words for the log, such as {@code TLS handshake failed: the client sent no certificate ...}
 * @param v5Reason the MQTT 5 DISCONNECT reason code, used only when the client is already connected
 */
public record TransportFailure(String reason, int v5Reason) {
    /** Protocol error (0x82). */
    public TransportFailure(String reason) {
        this(reason, 0x82);
    }
}

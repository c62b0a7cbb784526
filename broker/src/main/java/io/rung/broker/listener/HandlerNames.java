package io.rung.broker.listener;

/** Names of the handlers in a connection's pipeline; insert and replace handlers by these, never by position. */
public final class HandlerNames {
    /** Counts bytes in and out for $SYS. */
    public static final String BYTE_COUNTER = "byte-counter";
    /** Refuses a client that speaks the wrong transport (TLS to a plain port, MQTT to a WebSocket port, ...). */
    public static final String FIRST_BYTES = "first-bytes";
    /** TLS (listeners with {@code tls}). */
    public static final String TLS = "tls";
    /** Reports a failed TLS handshake and takes the certificate user name. */
    public static final String TLS_HANDSHAKE = "tls-handshake";
    /** HTTP codec and aggregator, until the WebSocket upgrade replaces them (listeners with {@code websocket}). */
    public static final String HTTP = "http-codec";

    public static final String HTTP_AGGREGATOR = "http-aggregator";
    /** Refuses wrong paths, plain HTTP requests and missing subprotocols before the upgrade. */
    public static final String WEBSOCKET_GATE = "websocket-gate";
    /** Netty's WebSocket upgrade and control frames. */
    public static final String WEBSOCKET = "websocket";
    /** Binary frames to bytes and back. */
    public static final String WEBSOCKET_FRAMES = "websocket-frames";
    /** Connect timeout before CONNECT, keep-alive (1.5 ×) after. */
    public static final String KEEPALIVE = "keepalive";
    /** Splits whole packets and checks what Netty's decoder does not. */
    public static final String FRAME_DECODER = "mqtt-frame";

    public static final String MQTT_DECODER = "mqtt-decoder";
    /** Tells the frame decoder that a packet decoded into a message. */
    public static final String DECODED_COUNTER = "mqtt-decoded";

    public static final String MQTT_ENCODER = "mqtt-encoder";
    public static final String PUBLISH_ENCODER = "publish-encoder";
    /** The connection handler: protocol state and dispatch. */
    public static final String CONNECTION = "connect";

    private HandlerNames() {}
}

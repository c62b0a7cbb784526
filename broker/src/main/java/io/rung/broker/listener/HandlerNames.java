package io.rung.broker.listener;

/** Names of the handlers in a connection's pipeline; insert and replace handlers by these, never by position. */
public final class HandlerNames {
    /** Counts bytes in and out for $SYS. */
    public static final String BYTE_COUNTER = "byte-counter";
    /** TLS (later). */
    public static final String TLS = "tls";
    /** HTTP codec and WebSocket upgrade (later). */
    public static final String HTTP = "http-codec";
    public static final String WEBSOCKET = "websocket";
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

package io.rung.broker.codec;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import java.util.Locale;

/**
 * What a failed decode means for the client: the MQTT 5 reason code, the MQTT 3.1.1 CONNACK return code when the
 * failure concerns CONNECT (-1 otherwise), and the reason in plain words.
 */
public record DecodeFailure(int v5Reason, int v3ReturnCode, String reason) {
    public static final int MALFORMED = 0x81;

    /** Classifies the cause Netty's decoder reported. */
    public static DecodeFailure of(Throwable cause, long maxPacketSize) {
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return new DecodeFailure(0x84, 1, "unsupported protocol version (" + msg + ")");
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return new DecodeFailure(0x85, 2, "client id not valid");
        }
        if (cause instanceof MalformedPacketException) {
            return new DecodeFailure(MALFORMED, -1, msg);
        }
        if (cause instanceof TooLongFrameException) {
            return new DecodeFailure(
                    0x95, -1, "packet larger than the maximum packet size of " + maxPacketSize + " bytes");
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.startsWith("invalid publish topic name")) {
            return new DecodeFailure(0x90, -1, "wildcard in a PUBLISH topic name");
        }
        if (lower.contains("illegal qos level")) {
            return new DecodeFailure(MALFORMED, -1, "invalid QoS in the fixed header (" + msg + ")");
        }
        if (lower.contains("utf-8") || lower.contains("u+0000")) {
            return new DecodeFailure(MALFORMED, -1, "invalid UTF-8 string");
        }
        if (lower.contains("remaining length")) {
            return new DecodeFailure(MALFORMED, -1, "remaining length longer than 4 bytes");
        }
        if (lower.contains("non-zero reserved flag")) {
            return new DecodeFailure(MALFORMED, -1, "reserved flag set in CONNECT");
        }
        if (lower.contains("illegal bit")) {
            return new DecodeFailure(MALFORMED, -1, "reserved flags set in the fixed header");
        }
        if (lower.contains("unknown message type") || cause instanceof IllegalArgumentException) {
            return new DecodeFailure(MALFORMED, -1, "unknown packet type or value (" + msg + ")");
        }
        return new DecodeFailure(MALFORMED, -1, msg);
    }
}

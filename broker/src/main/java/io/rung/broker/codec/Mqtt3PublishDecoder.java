package io.rung.broker.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The common case of the hottest packet, decoded without Netty's general decoder: an MQTT 3.1/3.1.1 PUBLISH (no
 * properties) whose topic is plain ASCII without wildcards. Anything else — MQTT 5, a non-ASCII or empty topic,
 * wildcards, QoS 3, packet id 0, fields running past the packet — is left to {@code MqttDecoder}, so its checks and
 * error reports stay the only ones (MQTT 3.1.1 §3.3, [MQTT-3.3.2-2], [MQTT-2.3.1-1]).
 */
final class Mqtt3PublishDecoder {
    private Mqtt3PublishDecoder() {}

    /**
     * Decodes the whole packet of {@code frameLength} bytes at the reader index and moves past it, or returns null
     * (nothing consumed) when the packet is not a case this decoder takes.
     */
    static @Nullable MqttPublishMessage decode(ByteBuf buf, int frameLength) {
        int start = buf.readerIndex();
        int first = buf.getUnsignedByte(start);
        if ((first >> 4) != 3) return null;
        int qos = (first >> 1) & 3;
        if (qos == 3) return null;
        int i = start + 1;
        while ((buf.getUnsignedByte(i) & 0x80) != 0) i++;
        int headerEnd = i + 1; // past the Remaining Length
        int end = start + frameLength;
        if (headerEnd + 2 > end) return null;
        int topicLength = buf.getUnsignedShort(headerEnd);
        int topicStart = headerEnd + 2;
        int payloadStart = topicStart + topicLength + (qos > 0 ? 2 : 0);
        if (topicLength == 0 || payloadStart > end) return null;
        byte[] topic = new byte[topicLength];
        buf.getBytes(topicStart, topic);
        for (byte b : topic) {
            if (b <= 0 || b == '+' || b == '#') return null; // U+0000, non-ASCII (UTF-8 checks), wildcards
        }
        int packetId = -1; // what Netty's decoder reports for QoS 0
        if (qos > 0) {
            packetId = buf.getUnsignedShort(topicStart + topicLength);
            if (packetId == 0) return null;
        }
        MqttFixedHeader header = new MqttFixedHeader(
                MqttMessageType.PUBLISH,
                (first & 0x08) != 0,
                MqttQoS.valueOf(qos),
                (first & 0x01) != 0,
                end - headerEnd);
        var variable = new MqttPublishVariableHeader(new String(topic, StandardCharsets.ISO_8859_1), packetId);
        ByteBuf payload = buf.retainedSlice(payloadStart, end - payloadStart);
        buf.readerIndex(end);
        return new MqttPublishMessage(header, variable, payload);
    }
}

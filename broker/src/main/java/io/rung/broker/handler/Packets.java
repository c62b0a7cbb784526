package io.rung.broker.handler;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import java.util.List;

/** Builds the control packets the broker sends; Netty's MqttEncoder writes them in the connection's version. */
final class Packets {
    private static final MqttFixedHeader PINGRESP_HEADER =
            new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0);

    private Packets() {}

    static MqttConnAckMessage connAck(int code, boolean sessionPresent, MqttProperties props) {
        return new MqttConnAckMessage(
                new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), sessionPresent, props));
    }

    static MqttMessage pubAck(int packetId, int reason) {
        return reply(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId, reason);
    }

    static MqttMessage pubRec(int packetId, int reason) {
        return reply(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId, reason);
    }

    /** PUBREL has fixed-header flags 0010 [MQTT-3.6.1-1]. */
    static MqttMessage pubRel(int packetId, int reason) {
        return reply(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId, reason);
    }

    static MqttMessage pubComp(int packetId, int reason) {
        return reply(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId, reason);
    }

    private static MqttMessage reply(MqttMessageType type, MqttQoS qos, int packetId, int reason) {
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reason, MqttProperties.NO_PROPERTIES));
    }

    static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
        int[] c = codes.stream().mapToInt(Integer::intValue).toArray();
        return new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(c));
    }

    static MqttUnsubAckMessage unsubAck(int packetId, List<Short> codes) {
        return new MqttUnsubAckMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(codes));
    }

    static MqttMessage pingResp() {
        return new MqttMessage(PINGRESP_HEADER);
    }

    static MqttMessage disconnect(int reason, String reasonString) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reasonString));
        return new MqttMessage(
                new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reason, props));
    }
}

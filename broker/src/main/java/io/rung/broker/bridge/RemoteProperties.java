package io.rung.broker.bridge;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.rung.broker.MessageProperties;
import io.rung.broker.codec.PropertyReader;
import java.util.Map;

/** MQTT 5 PUBLISH properties between the remote (Netty's property list) and the broker's {@link MessageProperties}. */
final class RemoteProperties {
    private RemoteProperties() {}

    /** The properties a forwarded message carries to the remote; {@code expirySeconds} 0 = none. */
    static MqttProperties toRemote(MessageProperties p, long expirySeconds) {
        MqttProperties props = new MqttProperties();
        if (p.payloadFormatUtf8())
            props.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        if (expirySeconds > 0) {
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) Math.min(expirySeconds, 0xFFFF_FFFFL)));
        }
        p.contentType().ifPresent(v -> props.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, v)));
        p.responseTopic()
                .ifPresent(v -> props.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, v)));
        p.correlationData()
                .ifPresent(v -> props.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, v)));
        for (Map.Entry<String, String> e : p.userProperties()) {
            props.add(new MqttProperties.UserProperty(e.getKey(), e.getValue()));
        }
        return props;
    }

    /** The properties of a message received from the remote, received now. */
    static MessageProperties fromRemote(MqttProperties props) {
        return PropertyReader.message(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, System.nanoTime());
    }

    /** An upper bound of the encoded size of {@link #toRemote}, to respect the remote's Maximum Packet Size. */
    static long sizeBound(MessageProperties p) {
        long n = 5 + 2 + 5; // length, payload format, expiry
        n += p.contentType().map(v -> 3L + v.length() * 3L).orElse(0L);
        n += p.responseTopic().map(v -> 3L + v.length() * 3L).orElse(0L);
        n += p.correlationData().map(v -> 3L + v.length).orElse(0L);
        for (Map.Entry<String, String> e : p.userProperties())
            n += 5L + 3L * (e.getKey().length() + e.getValue().length());
        return n;
    }
}

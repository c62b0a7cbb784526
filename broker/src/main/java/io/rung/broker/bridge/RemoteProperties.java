package io.rung.broker.bridge;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.rung.broker.MessageProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** MQTT 5 PUBLISH properties between the remote (Netty's property list) and the broker's {@link MessageProperties}. */
final class RemoteProperties {
    private RemoteProperties() {}

    /** The properties a forwarded message carries to the remote; {@code expirySeconds} 0 = none. */
    static MqttProperties toRemote(MessageProperties p, long expirySeconds) {
        MqttProperties props = new MqttProperties();
        if (p.payloadFormatUtf8()) props.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        if (expirySeconds > 0) {
            props.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    (int) Math.min(expirySeconds, 0xFFFF_FFFFL)));
        }
        p.contentType().ifPresent(v -> props.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, v)));
        p.responseTopic().ifPresent(v -> props.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, v)));
        p.correlationData().ifPresent(v ->
                props.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, v)));
        for (Map.Entry<String, String> e : p.userProperties()) {
            props.add(new MqttProperties.UserProperty(e.getKey(), e.getValue()));
        }
        return props;
    }

    /** The properties of a message received from the remote, received now. */
    static MessageProperties fromRemote(MqttProperties props) {
        MessageProperties none = MessageProperties.none();
        if (props.isEmpty()) return none;
        Integer format = integer(props, MqttProperties.PAYLOAD_FORMAT_INDICATOR);
        Integer expiry = integer(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
        MqttProperties.MqttProperty<?> corr = props.getProperty(MqttProperties.CORRELATION_DATA);
        List<Map.Entry<String, String>> user = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : props.getProperties(MqttProperties.USER_PROPERTY)) {
            if (p instanceof MqttProperties.UserProperty up) {
                user.add(Map.entry(up.value().key, up.value().value));
            } else if (p instanceof MqttProperties.UserProperties ups) {
                for (MqttProperties.StringPair pair : ups.value()) user.add(Map.entry(pair.key, pair.value));
            }
        }
        return new MessageProperties(format != null && format == 1,
                expiry == null ? OptionalLong.empty() : OptionalLong.of(expiry & 0xFFFF_FFFFL),
                Optional.ofNullable(string(props, MqttProperties.CONTENT_TYPE)),
                Optional.ofNullable(string(props, MqttProperties.RESPONSE_TOPIC)),
                Optional.ofNullable(corr == null ? null : (byte[]) corr.value()), user, List.of(),
                none.receivedNanos());
    }

    /** An upper bound of the encoded size of {@link #toRemote}, to respect the remote's Maximum Packet Size. */
    static long sizeBound(MessageProperties p) {
        long n = 5 + 2 + 5; // length, payload format, expiry
        n += p.contentType().map(v -> 3L + v.length() * 3L).orElse(0L);
        n += p.responseTopic().map(v -> 3L + v.length() * 3L).orElse(0L);
        n += p.correlationData().map(v -> 3L + v.length).orElse(0L);
        for (Map.Entry<String, String> e : p.userProperties()) n += 5L + 3L * (e.getKey().length() + e.getValue().length());
        return n;
    }

    static @Nullable Integer integer(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (Integer) p.value();
    }

    static @Nullable String string(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (String) p.value();
    }
}

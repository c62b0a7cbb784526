package io.rung.broker.codec;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.rung.broker.MessageProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** Reads MQTT 5 properties from Netty's property list into broker types: for clients' packets and a bridge's remote. */
public final class PropertyReader {
    private PropertyReader() {}

    /** The value of integer property {@code id}, or null when absent. */
    public static @Nullable Integer integer(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (Integer) p.value();
    }

    /** The value of string property {@code id}, or null when absent. */
    public static @Nullable String string(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (String) p.value();
    }

    /**
     * The properties of a PUBLISH or a will that travel with the message.
     *
     * @param expiryId the property holding the expiry (PUBLISH and will differ), 0 for none
     */
    public static MessageProperties message(MqttProperties props, int expiryId, long receivedNanos) {
        if (props.isEmpty()) {
            return new MessageProperties(
                    false,
                    OptionalLong.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    receivedNanos);
        }
        Integer format = integer(props, MqttProperties.PAYLOAD_FORMAT_INDICATOR);
        Integer expiry = expiryId == 0 ? null : integer(props, expiryId);
        MqttProperties.MqttProperty<?> corr = props.getProperty(MqttProperties.CORRELATION_DATA);
        List<Map.Entry<String, String>> user = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : props.getProperties(MqttProperties.USER_PROPERTY)) {
            if (p instanceof MqttProperties.UserProperty up) {
                user.add(Map.entry(up.value().key, up.value().value));
            } else if (p instanceof MqttProperties.UserProperties ups) {
                for (MqttProperties.StringPair pair : ups.value()) user.add(Map.entry(pair.key, pair.value));
            }
        }
        return new MessageProperties(
                format != null && format == 1,
                expiry == null ? OptionalLong.empty() : OptionalLong.of(expiry & 0xFFFF_FFFFL),
                Optional.ofNullable(string(props, MqttProperties.CONTENT_TYPE)),
                Optional.ofNullable(string(props, MqttProperties.RESPONSE_TOPIC)),
                Optional.ofNullable(corr == null ? null : (byte[]) corr.value()),
                user,
                List.of(),
                receivedNanos);
    }
}

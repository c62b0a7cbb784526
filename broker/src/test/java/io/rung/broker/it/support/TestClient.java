package io.rung.broker.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/**
 * A real MQTT client (Paho v3 for 3.1 and 3.1.1, Paho v5 for 5) behind one small interface, so a behaviour is
 * written once and run over every protocol version with a {@code @ParameterizedTest}.
 */
public interface TestClient extends AutoCloseable {
    Duration WAIT = Duration.ofSeconds(10);

    Protocol protocol();

    String clientId();

    /** Connects and returns the CONNACK's session-present flag; a refusal throws {@link ConnectRefusedException}. */
    boolean connect(ClientOptions options);

    default boolean connect() {
        return connect(ClientOptions.clean());
    }

    /** Subscribes and returns the granted QoS or the failure code of the SUBACK. */
    int subscribe(String filter, int qos);

    void unsubscribe(String filter);

    /** Publishes and, for QoS 1 and 2, waits until the broker has acknowledged. */
    void publish(String topic, String payload, int qos, boolean retain);

    default void publish(String topic, String payload, int qos) {
        publish(topic, payload, qos, false);
    }

    /** Every message received so far, in arrival order. */
    List<Received> messages();

    /** Waits until at least {@code count} messages have arrived and returns them all. */
    default List<Received> awaitMessages(int count) {
        await().atMost(WAIT).until(() -> messages().size() >= count);
        return messages();
    }

    /** Waits for a message with the given payload and returns it. */
    default Received awaitMessage(String payload) {
        await().atMost(WAIT)
                .until(() -> messages().stream().anyMatch(m -> m.text().equals(payload)));
        return messages().stream()
                .filter(m -> m.text().equals(payload))
                .findFirst()
                .orElseThrow();
    }

    /** Messages with the given payload received so far. */
    default long count(String payload) {
        return messages().stream().filter(m -> m.text().equals(payload)).count();
    }

    void clearMessages();

    /** Normal DISCONNECT. */
    void disconnect();

    boolean isConnected();

    @Override
    void close();

    /** The broker refused the CONNECT: {@code code} is the 3.1.1 return code or the MQTT 5 reason code. */
    final class ConnectRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        public ConnectRefusedException(int code, Throwable cause) {
            super("connection refused with code " + code, cause);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}

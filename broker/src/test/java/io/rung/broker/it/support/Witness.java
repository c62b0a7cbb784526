package io.rung.broker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/**
 * A client connected before a misbehaving one, used afterwards to prove it was unharmed: it is still connected and
 * still receives what it publishes to itself.
 */
public final class Witness {
    private final TestClient client;
    private final String topic;

    private Witness(TestClient client, String topic) {
        this.client = client;
        this.topic = topic;
    }

    /** Connects an MQTT 3.1.1 client that subscribes to its own topic. */
    public static Witness connect(BrokerExtension broker) {
        TestClient client = broker.connected(
                Protocol.V311, "witness-" + UUID.randomUUID().toString().substring(0, 8));
        String topic = "witness/" + client.clientId();
        client.subscribe(topic, 1);
        return new Witness(client, topic);
    }

    /** Fails unless the witness is still connected and a QoS 1 round trip through the broker works. */
    public void assertUnharmed() {
        assertThat(client.isConnected()).as("witness client still connected").isTrue();
        String payload = UUID.randomUUID().toString();
        client.publish(topic, payload, 1);
        assertThat(client.awaitMessage(payload).topic()).isEqualTo(topic);
    }
}

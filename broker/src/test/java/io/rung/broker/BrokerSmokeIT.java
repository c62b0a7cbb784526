package io.rung.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.BrokerConfig;
import io.rung.config.ListenerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path with a real MQTT 5 client: connect, subscribe, publish QoS 1, receive. */
class BrokerSmokeIT {
    @TempDir
    Path dir;

    @Test
    void mqtt5ClientReceivesItsOwnQos1Publish() throws Exception {
        BrokerConfig config = BrokerConfig.defaults(dir).withListeners(List.of(ListenerConfig.tcp("127.0.0.1", 0)));
        try (Broker broker = Broker.start(config, BrokerOptions.defaults())) {
            int port = broker.listeners().get(0).port();
            assertThat(port).isPositive();
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "smoke", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
            List<MqttMessage> received = new CopyOnWriteArrayList<>();
            IMqttToken sub = client.subscribe(
                    new MqttSubscription[] {new MqttSubscription("smoke/#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, msg) -> received.add(msg)});
            assertThat(sub.getReasonCodes()).containsExactly(1);
            MqttMessage out = new MqttMessage("hello".getBytes(StandardCharsets.UTF_8));
            out.setQos(1);
            client.publish("smoke/a", out);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(new String(received.get(0).getPayload(), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
            assertThat(received.get(0).getQos()).isEqualTo(1);
            client.disconnect();
            client.close();
        }
    }
}

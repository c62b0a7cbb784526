package io.rung.gateway.opcua;

import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.gateway.Gateway;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A gateway started from a YAML device section, with its broker on a free loopback port and a watching MQTT 5
 * client subscribed to {@value #TOPIC}/#.
 */
final class GatewayRig implements AutoCloseable {
    static final String TOPIC = "building-b/floor-5/tank";
    static final String NS = "nsu=urn:rung:sim:plant;s=";

    final Gateway gateway;
    final MqttWatcher mqtt;

    private GatewayRig(Gateway gateway, MqttWatcher mqtt) {
        this.gateway = gateway;
        this.mqtt = mqtt;
    }

    /**
     * @param device the device's keys after {@code name} and {@code topic}, indented by 4 spaces
     * @param dir where rung.yaml would be; the data dir is {@code dir/data}
     */
    static GatewayRig start(Path dir, String device) throws Exception {
        String yaml = String.format(Locale.ROOT, """
                gateway: { id: test-gw }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { anonymous: true }
                  persistence: { dir: data }
                devices:
                  - name: tank
                    topic: %s
                %s""", TOPIC, device);
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        Gateway gateway = Gateway.start(config, false, line -> {});
        try {
            int port = gateway.broker().listeners().get(0).address().getPort();
            return new GatewayRig(gateway, new MqttWatcher(port, TOPIC + "/#"));
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
    }

    String latest(String point) {
        return mqtt.latest(TOPIC + "/" + point);
    }

    String status() {
        return mqtt.latest(TOPIC + "/$status");
    }

    @Override
    public void close() throws MqttException {
        try {
            mqtt.close();
        } finally {
            gateway.close();
        }
    }
}

package io.rung.broker.bridge;

import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients on the cloud side of a bridge test: MQTT 5 clients of the remote mosquitto, such as an application
 * with a persistent session subscribed to what the bridge forwards (connected anew after each restart of
 * mosquitto), phones and watchers. What they received is read across all of them; closing closes them all.
 */
final class CloudApps implements AutoCloseable {
    private final List<HiveMq5Client> apps = new ArrayList<>();

    /**
     * Connects the application {@code cloud-app} to mosquitto on {@code port}, resuming its session, subscribed to
     * {@code filter} at QoS 1.
     */
    void connect(int port, String filter) {
        HiveMq5Client app = new HiveMq5Client(port, "cloud-app");
        apps.add(app);
        app.connect(ClientOptions.persistent());
        app.subscribe(filter, 1);
    }

    /** Connects another client {@code id} to mosquitto on {@code port} with a clean session. */
    HiveMq5Client client(int port, String id) {
        HiveMq5Client c = new HiveMq5Client(port, id);
        apps.add(c);
        c.connect();
        return c;
    }

    /** Another client to be closed with these, such as a watcher of the bridge's status. */
    void add(HiveMq5Client other) {
        apps.add(other);
    }

    /** Every message the applications received, in the order each received them. */
    List<Received> received() {
        List<Received> all = new ArrayList<>();
        for (HiveMq5Client c : apps) all.addAll(c.messages());
        return all;
    }

    /** The payloads received on {@code topic}, as text. */
    List<String> texts(String topic) {
        return received().stream()
                .filter(r -> r.topic().equals(topic))
                .map(Received::text)
                .toList();
    }

    @Override
    public void close() {
        apps.forEach(HiveMq5Client::close);
    }
}

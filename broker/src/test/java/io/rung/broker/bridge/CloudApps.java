package io.rung.broker.bridge;

import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.HiveMq5Client;
import io.rung.broker.it.support.Received;
import java.util.ArrayList;
import java.util.List;

/**
 * The applications on the cloud side of a bridge test: MQTT 5 clients with persistent sessions on the remote
 * mosquitto, subscribed to what the bridge forwards. A test connects a new one after each restart of mosquitto;
 * what they received is read across all of them.
 */
final class CloudApps implements AutoCloseable {
    private final String filter;
    private final List<HiveMq5Client> apps = new ArrayList<>();

    /** @param filter what each application subscribes to (QoS 1) on the remote */
    CloudApps(String filter) {
        this.filter = filter;
    }

    /** Connects the application {@code cloud-app} to mosquitto on {@code port}; it resumes its session. */
    void connect(int port) {
        HiveMq5Client app = new HiveMq5Client(port, "cloud-app");
        apps.add(app);
        app.connect(ClientOptions.persistent());
        app.subscribe(filter, 1);
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

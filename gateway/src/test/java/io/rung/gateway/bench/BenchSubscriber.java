package io.rung.gateway.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * An MQTT 5 client (HiveMQ) that subscribes to {@code bench/#} (QoS 0 or 1) and counts point values (not
 * {@code $status}), with a histogram of their age on arrival: arrival time minus the payload's {@code ts}.
 */
final class BenchSubscriber implements AutoCloseable {
    private static final int MAX_MILLIS = 10_000;

    private final Mqtt5AsyncClient client;
    private final LongAdder values = new LongAdder();
    private final LongAdder statuses = new LongAdder();
    private final AtomicLongArray ageMillis = new AtomicLongArray(MAX_MILLIS + 1);

    BenchSubscriber(int port, int qos) throws Exception {
        client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("bench-subscriber")
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
        client.connectWith()
                .restrictions()
                .receiveMaximum(65535)
                .applyRestrictions()
                .send()
                .get(10, TimeUnit.SECONDS);
        client.subscribeWith()
                .topicFilter("bench/#")
                .qos(qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .callback(this::arrived)
                .send()
                .get(10, TimeUnit.SECONDS);
    }

    private void arrived(Mqtt5Publish publish) {
        long now = System.currentTimeMillis();
        if (publish.getTopic().toString().endsWith("/$status")) {
            statuses.increment();
            return;
        }
        values.increment();
        String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
        int at = payload.indexOf("\"ts\":");
        if (at < 0) return;
        int end = at + 5;
        while (end < payload.length() && Character.isDigit(payload.charAt(end))) end++;
        long age = now - Long.parseLong(payload.substring(at + 5, end));
        ageMillis.incrementAndGet((int) Math.max(0, Math.min(MAX_MILLIS, age)));
    }

    long values() {
        return values.sum();
    }

    long statuses() {
        return statuses.sum();
    }

    /** Forgets the ages seen so far (after the warm-up). */
    void resetAges() {
        for (int i = 0; i <= MAX_MILLIS; i++) ageMillis.set(i, 0);
    }

    /** The age in ms below which {@code fraction} of the values arrived, e.g. 0.5 for the median. */
    long agePercentile(double fraction) {
        long total = 0;
        for (int i = 0; i <= MAX_MILLIS; i++) total += ageMillis.get(i);
        long seen = 0;
        for (int i = 0; i <= MAX_MILLIS; i++) {
            seen += ageMillis.get(i);
            if (total > 0 && seen >= fraction * total) return i;
        }
        return -1;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

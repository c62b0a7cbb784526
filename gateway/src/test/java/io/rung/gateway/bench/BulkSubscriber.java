package io.rung.gateway.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MQTT 5 client (HiveMQ) subscribed to the benchmark's point topics {@code <prefix>/d<k>/n<i>}: counts messages,
 * notes which of the {@code n} points have arrived at least once, and keeps a histogram of the delay between a
 * value's {@code ts} (its OPC UA source timestamp) and its arrival, in milliseconds.
 */
final class BulkSubscriber implements AutoCloseable {
    private static final int MAX_DELAY_MS = 60_000;

    private final Mqtt5AsyncClient client;
    private final AtomicIntegerArray seen;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong[] delays = new AtomicLong[MAX_DELAY_MS + 1];

    BulkSubscriber(int port, int points, String prefix, MqttQos qos) throws Exception {
        this.seen = new AtomicIntegerArray(points);
        Arrays.setAll(delays, i -> new AtomicLong());
        client = Mqtt5Client.builder()
                .identifier("opcua-bench")
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
        client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        client.subscribeWith()
                .topicFilter(prefix + "/+/+")
                .qos(qos)
                .callback(this::onMessage)
                .send()
                .get(10, TimeUnit.SECONDS);
    }

    private void onMessage(Mqtt5Publish publish) {
        long now = System.currentTimeMillis();
        messages.incrementAndGet();
        String topic = publish.getTopic().toString();
        int at = topic.lastIndexOf("/n");
        if (at >= 0) {
            int index = Integer.parseInt(topic, at + 2, topic.length(), 10);
            if (index < seen.length() && seen.compareAndSet(index, 0, 1)) distinct.incrementAndGet();
        }
        String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
        int ts = payload.indexOf("\"ts\":");
        if (ts >= 0) {
            int end = ts + 5;
            while (end < payload.length() && Character.isDigit(payload.charAt(end))) end++;
            long delay = now - Long.parseLong(payload, ts + 5, end, 10);
            delays[(int) Math.max(0, Math.min(MAX_DELAY_MS, delay))].incrementAndGet();
        }
    }

    /** Messages received so far. */
    long messages() {
        return messages.get();
    }

    /** Points that have delivered at least one message. */
    long distinctPoints() {
        return distinct.get();
    }

    /** Forgets the delays seen so far (after the warm-up). */
    void resetDelays() {
        for (AtomicLong d : delays) d.set(0);
    }

    /** The delay in ms below which {@code fraction} of the values since the last reset arrived. */
    long delayPercentile(double fraction) {
        long total = 0;
        for (AtomicLong d : delays) total += d.get();
        long wanted = (long) Math.ceil(total * fraction);
        long sum = 0;
        for (int ms = 0; ms < delays.length; ms++) {
            sum += delays[ms].get();
            if (sum >= wanted && total > 0) return ms;
        }
        return -1;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.rung.gateway.port;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A fake broker for unit tests: records every publication and delivers commands to the matching subscription. */
public final class RecordingMqtt implements MqttPort {
    public final List<OutboundMessage> published = new CopyOnWriteArrayList<>();
    public final Map<String, Consumer<InboundCommand>> subscriptions = new ConcurrentHashMap<>();
    public volatile boolean backpressured;

    @Override
    public void publish(OutboundMessage message) {
        published.add(message);
    }

    @Override
    public void subscribe(String filter, Consumer<InboundCommand> handler) {
        subscriptions.put(filter, handler);
    }

    @Override
    public boolean backpressured() {
        return backpressured;
    }

    /** Hands a command to the subscription whose filter matches its topic, as the broker would. */
    public void deliver(InboundCommand command) {
        subscriptions.entrySet().stream()
                .filter(e -> matches(e.getKey(), command.topic()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no subscription matches " + command.topic()))
                .getValue()
                .accept(command);
    }

    public List<OutboundMessage> on(String topic) {
        return published.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    public List<String> payloads(String topic) {
        return on(topic).stream()
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .toList();
    }

    public Optional<String> last(String topic) {
        List<String> all = payloads(topic);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}

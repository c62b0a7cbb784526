package io.rung.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rung.broker.Broker;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import io.rung.config.DeviceConfig;
import io.rung.gateway.mapping.DeviceTopics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a dashboard command the way an MQTT client would: published to {@code <point>/set} through the broker by an
 * in-process client that has the logged-in user's identity, so the broker's ACL and every command safety rule of
 * the gateway apply unchanged. The command carries a random {@code id}; the answer on {@code …/set/result} with that
 * id completes the request.
 */
final class CommandSender implements AutoCloseable {
    /** How long a command may take to be answered. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String CLIENT_PREFIX = "$http/";

    private final Broker broker;
    private final LocalClient results;
    private final List<DeviceConfig> devices;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LocalClient> senders = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A command waiting for its result; {@code seq} orders commands on the same topic. */
    private record Pending(String resultTopic, long seq, CompletableFuture<JsonNode> answer) {}

    private final AtomicLong sequence = new AtomicLong();

    CommandSender(Broker broker, LocalClient results, List<DeviceConfig> devices) {
        this.broker = broker;
        this.results = results;
        this.devices = List.copyOf(devices);
    }

    void start() {
        for (DeviceConfig d : devices) {
            results.subscribe(DeviceTopics.commandFilter(d) + "/result", 1, false, 2, this::onResult);
        }
    }

    /**
     * Publishes {@code {"value":…,"id":…}} to the point's {@code /set} topic as {@code user} (empty: anonymous) and
     * completes with the result payload; fails with a {@code PublishRefusedException} when the ACL refuses the
     * publication, or a {@code TimeoutException} after {@link #TIMEOUT}.
     */
    CompletableFuture<JsonNode> send(Optional<String> user, DeviceConfig device, String point, JsonNode value) {
        String id = "http-" + HexFormat.of().formatHex(randomBytes());
        ObjectNode command = Json.MAPPER.createObjectNode();
        command.set("value", value);
        command.put("id", id);
        byte[] payload;
        try {
            payload = Json.MAPPER.writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String topic = DeviceTopics.value(device, point) + "/" + DeviceTopics.SET;
        pending.put(id, new Pending(DeviceTopics.result(topic), sequence.incrementAndGet(), answer));
        LocalClient sender = senders.computeIfAbsent(user.orElse(""), u -> broker.connectLocal(identity(user)));
        sender.publish(new Message(topic, payload, 1, false, MessageProperties.none(), Origin.broker()))
                .whenComplete((ok, failure) -> {
                    if (failure != null) answer.completeExceptionally(failure);
                });
        return answer.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, f) -> pending.remove(id));
    }

    private static Identity identity(Optional<String> user) {
        return user.map(u -> Identity.user(u, CLIENT_PREFIX + u))
                .orElseGet(() -> Identity.anonymous(CLIENT_PREFIX + "anonymous"));
    }

    /**
     * Completes the command the result names by its id. A command refused before its payload was read (unknown or
     * read-only point, gateway stopping) is answered without an id: it then completes the oldest command waiting on
     * that topic.
     */
    private void onResult(Message m) {
        Optional<JsonNode> result = Json.parse(m.payload());
        if (result.isEmpty()) return;
        JsonNode id = result.get().get("id");
        Pending p = null;
        if (id != null && id.isTextual()) {
            p = pending.remove(id.textValue());
        } else {
            Optional<Map.Entry<String, Pending>> oldest = pending.entrySet().stream()
                    .filter(e -> e.getValue().resultTopic().equals(m.topic()))
                    .min(Comparator.comparingLong(e -> e.getValue().seq()));
            if (oldest.isPresent()
                    && pending.remove(oldest.get().getKey(), oldest.get().getValue())) {
                p = oldest.get().getValue();
            }
        }
        if (p != null) p.answer().complete(result.get());
    }

    private byte[] randomBytes() {
        byte[] raw = new byte[12];
        random.nextBytes(raw);
        return raw;
    }

    @Override
    public void close() {
        senders.values().forEach(LocalClient::close);
        senders.clear();
        pending.values().forEach(p -> p.answer().cancel(false));
    }
}

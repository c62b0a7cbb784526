package io.rung.broker.bridge;

import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code in} path of a bridge: a message from the remote is republished locally, with {@code strip} removed,
 * as user {@code bridge:<name>} (so the ACL applies), and acknowledged to the remote once the local broker took it.
 * A command runs once: a resent QoS 2 message is acknowledged again but not republished, and a 3.1.1 bridge drops
 * the echo of what it forwarded itself. Runs on the bridge's thread.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** A PUBLISH from the remote. */
    record Publish(String topic, byte[] payload, int qos, boolean retain, int packetId, MessageProperties properties) {}

    private final String name;
    private final String statusTopic;
    private final LocalClient local;
    private final TopicRemap remap;
    private final @Nullable LoopGuard guard;
    private final Counters counters;
    private final OncePerKey refused = new OncePerKey(1000);
    /** Incoming QoS 2 packet ids published locally but not yet released: session state, kept across reconnects. */
    private final Set<Integer> unreleased = new HashSet<>();

    Inbound(
            String name,
            String statusTopic,
            LocalClient local,
            TopicRemap remap,
            @Nullable LoopGuard guard,
            Counters counters) {
        this.name = name;
        this.statusTopic = statusTopic;
        this.local = local;
        this.remap = remap;
        this.guard = guard;
        this.counters = counters;
    }

    void accept(Link link, Publish p) {
        counters.received.incrementAndGet();
        if (p.qos() == 2 && !unreleased.add(p.packetId())) {
            link.acknowledgeWhen(DONE, p.packetId(), 2); // [MQTT-4.3.3-10]: a resend before PUBREL is not a new message
            return;
        }
        CompletableFuture<Void> done = republish(p);
        if (p.qos() > 0) link.acknowledgeWhen(done, p.packetId(), p.qos());
    }

    /** PUBREL: the remote will not send this message again; the packet id may carry a new one. */
    void released(Link link, int packetId) {
        unreleased.remove(packetId);
        link.complete(packetId);
    }

    /** After CONNACK: a new remote session (session present 0) has no QoS 2 message in progress. */
    void sessionStarted(boolean sessionPresent) {
        if (!sessionPresent) unreleased.clear();
    }

    private CompletableFuture<Void> republish(Publish p) {
        if (p.topic().equals(statusTopic)) return DONE; // our own retained status, sent on subscribe despite No Local
        if (guard != null && guard.isEcho(p.topic(), p.payload())) {
            LOG.debug("Bridge {} dropped the echo of its own message on '{}'", name, p.topic());
            return DONE;
        }
        String topic = remap.in(p.topic());
        if (topic == null) {
            counters.dropped.incrementAndGet();
            if (refused.first(p.topic())) {
                LOG.warn("Bridge {}: nothing is left of '{}' after strip; message dropped.", name, p.topic());
            }
            return DONE;
        }
        Message m = new Message(topic, p.payload(), p.qos(), p.retain(), p.properties(), Origin.broker());
        return local.publish(m).exceptionally(e -> {
            counters.dropped.incrementAndGet();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (refused.first(topic)) {
                LOG.warn(
                        "Bridge {} cannot publish locally to '{}': {}; message dropped.",
                        name,
                        topic,
                        cause.getMessage());
            }
            return null;
        });
    }
}

package io.rung.broker;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-process client (the gateway, a bridge): publishes and subscribes without TCP. Nothing blocks the caller.
 *
 * <pre>{@code
 * LocalClient gw = broker.connectLocal(Identity.trusted("$gateway"));
 * gw.subscribe("building-b/+/+/+/set", 1, true, 2, msg -> commands.offer(msg));
 * gw.publish(Message.of("building-b/floor-5/plc-1/temperature", json, 1, true, Origin.of(identity)));
 * }</pre>
 */
public interface LocalClient extends AutoCloseable {
    /** Routes the message; completes when routed and, for QoS 1 and 2, stored. Never blocks. */
    CompletableFuture<Void> publish(Message message);

    /**
     * Like {@link #publish}, for a heartbeat: the message repeats the last one on its topic (value and quality
     * unchanged). Subscribers get it as usual; a bridge whose remote is unreachable does not queue it (DESIGN
     * "Publishing"). The mark never goes on the wire or into the store.
     */
    default CompletableFuture<Void> publishRepeat(Message message) {
        return publish(message);
    }

    /**
     * Subscribes; {@code handler} runs on a thread of the client's own (never an event loop), one message at a time
     * in order; it must not block long. A filter the ACL denies is not subscribed and a warning is logged. Delivered
     * messages carry the retain flag as their publisher set it (Retain As Published).
     *
     * @param retainHandling 0 retained messages on subscribe, 1 only if new, 2 never
     */
    void subscribe(String filter, int qos, boolean noLocal, int retainHandling, Consumer<Message> handler);

    /**
     * Like {@link #subscribe}, but every matching message goes to {@code handler} at once on the publisher's thread,
     * in publish order; for a QoS 1/2 message from a network client, that client is acknowledged only when the
     * returned future completes (a bridge completes it once the message is in its disk queue).
     */
    void subscribeDurable(String filter, int qos, boolean noLocal, int retainHandling, DurableHandler handler);

    void unsubscribe(String filter);

    /** True while some subscriber holds publishers back; callers should then keep only their newest values. */
    boolean backpressured();

    @Override
    void close();
}

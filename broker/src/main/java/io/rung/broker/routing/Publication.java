package io.rung.broker.routing;

import io.rung.broker.Message;
import io.rung.broker.store.StoredMessage;
import org.jspecify.annotations.Nullable;

/**
 * A message inside the broker: the message shared by all its deliveries, its store id, its expiry deadline, and the
 * MQTT 5 properties that are the same for every subscriber, encoded once on first use.
 */
public final class Publication {
    private final long id;
    private final Message message;
    private final long deadlineNanos;
    private final long expiresAtEpochMillis;
    private final boolean repeat;
    private volatile byte @Nullable [] sharedProperties;
    private volatile byte @Nullable [] topicUtf8;

    public Publication(long id, Message message) {
        this(id, message, false);
    }

    /**
     * @param repeat a heartbeat (see {@link io.rung.broker.LocalClient#publishRepeat}): only bridges look at it; it
     *               never goes on the wire or into the store
     */
    public Publication(long id, Message message, boolean repeat) {
        this.id = id;
        this.message = message;
        this.repeat = repeat;
        var expiry = message.properties().messageExpirySeconds();
        if (expiry.isPresent()) {
            long seconds = Math.max(0, expiry.getAsLong());
            this.deadlineNanos = message.properties().receivedNanos() + seconds * 1_000_000_000L;
            long ageMillis = (System.nanoTime() - message.properties().receivedNanos()) / 1_000_000L;
            this.expiresAtEpochMillis = System.currentTimeMillis() - ageMillis + seconds * 1000L;
        } else {
            this.deadlineNanos = Long.MAX_VALUE;
            this.expiresAtEpochMillis = 0;
        }
    }

    /** A publication read back from the store: its wall-clock expiry becomes a remaining interval from now. */
    public static @Nullable Publication restored(StoredMessage s) {
        Message m = s.message();
        long nowNanos = System.nanoTime();
        var p = m.properties();
        var expiry = p.messageExpirySeconds();
        if (s.expiresAtEpochMillis() != 0) {
            long left = s.expiresAtEpochMillis() - System.currentTimeMillis();
            if (left <= 0) return null;
            expiry = java.util.OptionalLong.of((left + 999) / 1000);
        }
        m = m.withProperties(new io.rung.broker.MessageProperties(
                p.payloadFormatUtf8(),
                expiry,
                p.contentType(),
                p.responseTopic(),
                p.correlationData(),
                p.userProperties(),
                p.subscriptionIds(),
                nowNanos));
        return new Publication(s.id(), m);
    }

    public long id() {
        return id;
    }

    public Message message() {
        return message;
    }

    /** True for a heartbeat a local client published with {@link io.rung.broker.LocalClient#publishRepeat}. */
    public boolean repeat() {
        return repeat;
    }

    public String topic() {
        return message.topic();
    }

    /** The topic as UTF-8 bytes, encoded once. */
    public byte[] topicUtf8() {
        byte[] t = topicUtf8;
        if (t == null) {
            t = message.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            topicUtf8 = t;
        }
        return t;
    }

    public boolean hasExpiry() {
        return deadlineNanos != Long.MAX_VALUE;
    }

    public boolean expired(long nowNanos) {
        return deadlineNanos != Long.MAX_VALUE && nowNanos - deadlineNanos >= 0;
    }

    /** Whole seconds left, rounded up, at least 1 for a message not yet expired (MQTT 5 §3.3.2.3.3). */
    public long remainingExpirySeconds(long nowNanos) {
        long left = deadlineNanos - nowNanos;
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    public StoredMessage stored() {
        return new StoredMessage(id, message, expiresAtEpochMillis);
    }

    /** The encoded properties shared by all deliveries; computed once by {@code encoder}, races are harmless. */
    public byte[] sharedProperties(java.util.function.Function<Message, byte[]> encoder) {
        byte[] p = sharedProperties;
        if (p == null) {
            p = encoder.apply(message);
            sharedProperties = p;
        }
        return p;
    }
}

package io.rung.broker.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.rung.broker.codec.OutboundPublish;
import io.rung.broker.codec.PublishEncoder;
import io.rung.broker.event.BrokerEvents;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes packets to one connection and flushes once per event-loop tick rather than per packet. Small PUBLISH packets
 * are encoded back to back into one shared buffer of {@value #BATCH_BYTES} bytes, which goes down the pipeline when
 * it is full, before any other packet and at the flush: one buffer and one pipeline pass for dozens of messages
 * instead of one each. Also assigns outbound topic aliases (MQTT 5 §3.3.2.3.4) when the client accepts them, and
 * drops PUBLISH packets larger than the client's Maximum Packet Size [MQTT-3.1.2-24].
 */
final class OutboundWriter {
    static final int BATCH_BYTES = 8 * 1024;

    private final MqttConnection c;
    private final Map<String, Integer> aliases = new HashMap<>();
    private final Runnable flushTask = this::flushNow;
    private boolean flushScheduled;
    private @Nullable ByteBuf batch;

    OutboundWriter(MqttConnection c) {
        this.c = c;
    }

    void write(Object msg) {
        Channel ch = c.channel();
        writeBatch(ch);
        ch.write(msg, ch.voidPromise());
        scheduleFlush();
    }

    /** Writes a PUBLISH; false (nothing written) when it expired or is too large for the client. */
    boolean publish(Delivery d, int packetId, boolean dup) {
        ConnectionState st = c.state;
        Publication pub = d.publication();
        long expiry = -1;
        if (pub.hasExpiry()) {
            long now = System.nanoTime();
            if (pub.expired(now)) return false;
            if (st.v5) expiry = pub.remainingExpirySeconds(now);
        }
        int alias = 0;
        boolean sendTopic = true;
        boolean newAlias = false;
        if (st.v5 && st.clientTopicAliasMaximum > 0) {
            Integer a = aliases.get(pub.topic());
            if (a != null) {
                alias = a;
                sendTopic = false;
            } else if (aliases.size() < st.clientTopicAliasMaximum) {
                alias = aliases.size() + 1;
                newAlias = true;
            }
        }
        OutboundPublish op = new OutboundPublish(d, packetId, dup, st.v5, alias, sendTopic, expiry);
        int size = PublishEncoder.size(op);
        if (size > st.clientMaxPacketSize) {
            if (c.events.packets()) {
                c.events.sending(
                        c.who(),
                        "nothing: PUBLISH on '" + pub.topic() + "' is larger than the client's "
                                + "maximum packet size of " + st.clientMaxPacketSize + " bytes, dropped");
            }
            return false;
        }
        if (newAlias) aliases.put(pub.topic(), alias);
        if (c.events.packets()) {
            c.events.sending(
                    c.who(),
                    BrokerEvents.publish(
                            dup,
                            d.qos(),
                            d.retain(),
                            packetId,
                            pub.topic(),
                            pub.message().payload().length));
        }
        Channel ch = c.channel();
        if (size > BATCH_BYTES / 4) {
            writeBatch(ch);
            ch.write(op, ch.voidPromise()); // its own buffer, encoded by the pipeline's PublishEncoder
        } else {
            ByteBuf b = batch;
            if (b != null && b.writableBytes() < size) {
                writeBatch(ch);
                b = null;
            }
            if (b == null) {
                b = ch.alloc().ioBuffer(BATCH_BYTES, BATCH_BYTES);
                batch = b;
            }
            PublishEncoder.encode(op, b);
        }
        scheduleFlush();
        return true;
    }

    /** Sends the batch of small PUBLISH packets down the pipeline (not yet flushed). */
    void writeBatch(Channel ch) {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            ch.write(b, ch.voidPromise());
        }
    }

    /** The connection is gone: frees a batch that was never written. */
    void discard() {
        ByteBuf b = batch;
        batch = null;
        if (b != null) b.release();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            c.channel().eventLoop().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        Channel ch = c.channel();
        writeBatch(ch);
        ch.flush();
    }
}

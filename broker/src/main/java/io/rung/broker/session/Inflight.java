package io.rung.broker.session;

import io.rung.broker.routing.Delivery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Outgoing QoS 1/2 messages sent and not yet acknowledged, by packet id, in send order (MQTT 5 §4.3, §4.4).
 * Packet ids are taken round-robin from 1..65535, skipping ids still in use [MQTT-2.2.1-3].
 */
public final class Inflight {
    /** One unacknowledged message; {@code released} once PUBREC arrived and PUBREL was sent. */
    public static final class Entry {
        final int packetId;
        final Delivery delivery;
        boolean released;

        Entry(int packetId, Delivery delivery) {
            this.packetId = packetId;
            this.delivery = delivery;
        }

        public int packetId() {
            return packetId;
        }

        public Delivery delivery() {
            return delivery;
        }

        public boolean released() {
            return released;
        }
    }

    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    private int next = 1;

    public int size() {
        return byId.size();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Assigns a free packet id to {@code delivery} and records it; the caller checks the window first. */
    public int add(Delivery delivery) {
        if (byId.size() >= 65_535) throw new IllegalStateException("all 65535 packet ids are in use");
        int id = next;
        while (byId.containsKey(id)) id = id == 65_535 ? 1 : id + 1;
        next = id == 65_535 ? 1 : id + 1;
        byId.put(id, new Entry(id, delivery));
        return id;
    }

    /** Records an entry restored with a known packet id (after a restart). */
    public void restore(int packetId, Delivery delivery, boolean released) {
        Entry e = new Entry(packetId, delivery);
        e.released = released;
        byId.put(packetId, e);
    }

    /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the message is done. Null if the id is unknown or the QoS does not fit. */
    public @Nullable Entry complete(int packetId, boolean pubcomp) {
        Entry e = byId.get(packetId);
        if (e == null) return null;
        // PUBACK completes QoS 1 only; PUBCOMP completes QoS 2 after PUBREL [MQTT-4.3.3]
        if (pubcomp ? e.delivery.qos() != 2 : e.delivery.qos() != 1) return null;
        byId.remove(packetId);
        return e;
    }

    /** PUBREC: marks the QoS 2 message released; null if unknown. */
    public @Nullable Entry release(int packetId) {
        Entry e = byId.get(packetId);
        if (e == null || e.delivery.qos() != 2) return null;
        e.released = true;
        return e;
    }

    /** Removes an entry regardless of state (PUBREC with an error reason code). */
    public @Nullable Entry remove(int packetId) {
        return byId.remove(packetId);
    }

    /** All entries in send order, for redelivery after a reconnect. */
    public List<Entry> entries() {
        return new ArrayList<>(byId.values());
    }

    /** Removes and returns every entry (session ends). */
    public List<Entry> clear() {
        List<Entry> all = entries();
        byId.clear();
        return all;
    }

    Iterator<Entry> iterator() {
        return byId.values().iterator();
    }
}

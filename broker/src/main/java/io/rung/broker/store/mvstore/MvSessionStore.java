package io.rung.broker.store.mvstore;

import io.rung.broker.store.SessionStore;
import io.rung.broker.store.StoreException;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.store.StoredSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Persistent sessions in four maps: {@code sessions} (client id → session record), {@code queue} (client id and
 * message id → QoS, packet id, released flag), {@code messages} (message id → message, stored once however many
 * sessions hold it, with a reference count kept in memory) and {@code inbound} (client id and packet id of inbound
 * QoS 2 messages awaiting PUBREL). Writes run on the writer thread; loading and trimming run once at open.
 */
final class MvSessionStore implements SessionStore {
    private static final char SEP = '\0'; // never in a client id: MQTT strings may not contain U+0000

    private final BrokerFile file;
    private final GroupCommitWriter writer;
    private final MVMap<String, byte[]> sessions;
    private final MVMap<String, Long> queue;
    private final MVMap<Long, byte[]> messages;
    private final MVMap<String, Long> inbound;
    private final Map<Long, Integer> refs = new HashMap<>(); // writer thread only, after loading
    private final Map<String, StoredSession> loadedSessions = new HashMap<>();
    private final Map<String, List<StoredDelivery>> loadedDeliveries = new HashMap<>();
    private final Map<String, List<Integer>> loadedInbound = new HashMap<>();

    MvSessionStore(BrokerFile file, GroupCommitWriter writer) {
        this.file = file;
        this.writer = writer;
        this.sessions = file.stringToBytes("sessions");
        this.queue = file.stringToLong("queue");
        this.messages = file.longToBytes("messages");
        this.inbound = file.stringToLong("inbound");
    }

    // ---- writes (queued, applied on the writer thread) ----

    @Override
    public CompletableFuture<Void> save(StoredSession session) {
        return writer.submit(() -> sessions.put(session.clientId(), RecordCodec.session(session)));
    }

    @Override
    public CompletableFuture<Void> remove(String clientId) {
        return writer.submit(() -> {
            sessions.remove(clientId);
            for (String key : keysOf(queue, clientId)) {
                queue.remove(key);
                release(messageId(key));
            }
            for (String key : keysOf(inbound, clientId)) inbound.remove(key);
        });
    }

    @Override
    public CompletableFuture<Void> add(String clientId, StoredMessage message, int qos) {
        return writer.submit(() -> {
            if (queue.put(key(clientId, message.id(), 16), pack(qos, 0, false)) != null) return;
            int n = refs.merge(message.id(), 1, Integer::sum);
            if (n == 1) {
                messages.put(message.id(), RecordCodec.message(message));
                file.usedMessageId(message.id());
            }
        });
    }

    @Override
    public CompletableFuture<Void> sent(String clientId, long messageId, int packetId, boolean released) {
        return writer.submit(() -> {
            String key = key(clientId, messageId, 16);
            Long old = queue.get(key);
            if (old != null) queue.put(key, pack((int) (old & 3), packetId, released));
        });
    }

    @Override
    public CompletableFuture<Void> delete(String clientId, long messageId) {
        return writer.submit(() -> {
            if (queue.remove(key(clientId, messageId, 16)) != null) release(messageId);
        });
    }

    @Override
    public CompletableFuture<Void> received(String clientId, int packetId) {
        return writer.submit(() -> inbound.put(key(clientId, packetId, 4), 0L));
    }

    @Override
    public CompletableFuture<Void> released(String clientId, int packetId) {
        return writer.submit(() -> inbound.remove(key(clientId, packetId, 4)));
    }

    private void release(long messageId) {
        Integer n = refs.get(messageId);
        if (n == null || n <= 1) {
            refs.remove(messageId);
            messages.remove(messageId);
        } else {
            refs.put(messageId, n - 1);
        }
    }

    // ---- start ----

    /**
     * Reads everything and trims what no session owns (queue entries and packet ids of removed sessions, messages no
     * queue refers to). A session that was connected when the previous run stopped counts as disconnected at that
     * run's last write, so its expiry runs across the restart.
     */
    void load() throws StoreException {
        long aliveAt = file.aliveAt();
        for (var e : sessions.entrySet()) {
            StoredSession s = decode(() -> RecordCodec.session(e.getValue()), "session '" + e.getKey() + "'");
            if (s.disconnectedAtEpochMillis() == 0 && aliveAt > 0) {
                s = new StoredSession(
                        s.clientId(), s.user(), s.protocolVersion(), s.expirySeconds(), aliveAt, s.subscriptions());
            }
            loadedSessions.put(e.getKey(), s);
        }
        Map<Long, StoredMessage> decoded = new HashMap<>();
        List<String> orphans = new ArrayList<>();
        for (Cursor<String, Long> c = queue.cursor(null); c.hasNext(); ) {
            String key = c.next();
            String clientId = clientId(key);
            long id = messageId(key);
            byte[] body = messages.get(id);
            if (!loadedSessions.containsKey(clientId) || body == null) {
                orphans.add(key);
                continue;
            }
            StoredMessage m = decoded.get(id);
            if (m == null) {
                m = decode(() -> RecordCodec.message(body), "message " + id);
                decoded.put(id, m);
            }
            refs.merge(id, 1, Integer::sum);
            long v = c.getValue();
            loadedDeliveries
                    .computeIfAbsent(clientId, k -> new ArrayList<>())
                    .add(new StoredDelivery(m, (int) (v & 3), (int) (v >>> 8), (v & 4) != 0));
        }
        for (String key : orphans) queue.remove(key);
        List<Long> unused = new ArrayList<>();
        for (Long id : messages.keySet()) {
            if (!refs.containsKey(id)) unused.add(id);
            file.usedMessageId(id);
        }
        for (Long id : unused) messages.remove(id);
        List<String> orphanIds = new ArrayList<>();
        for (String key : inbound.keySet()) {
            String clientId = clientId(key);
            if (loadedSessions.containsKey(clientId)) {
                loadedInbound.computeIfAbsent(clientId, k -> new ArrayList<>()).add((int) messageId(key));
            } else {
                orphanIds.add(key);
            }
        }
        for (String key : orphanIds) inbound.remove(key);
    }

    @Override
    public List<StoredSession> loadAll() {
        return List.copyOf(loadedSessions.values());
    }

    @Override
    public List<StoredDelivery> deliveries(String clientId) {
        List<StoredDelivery> d = loadedDeliveries.remove(clientId);
        return d == null ? List.of() : d;
    }

    @Override
    public List<Integer> awaitingRelease(String clientId) {
        List<Integer> ids = loadedInbound.remove(clientId);
        return ids == null ? List.of() : ids;
    }

    /** Distinct message bodies stored, for tests. */
    int storedMessageCount() {
        return messages.size();
    }

    // ---- keys: client id, U+0000, fixed-width hex, so one client's entries sort together in id order ----

    static String key(String clientId, long id, int digits) {
        String hex = Long.toHexString(id);
        StringBuilder b = new StringBuilder(clientId.length() + 1 + digits)
                .append(clientId)
                .append(SEP);
        for (int i = hex.length(); i < digits; i++) b.append('0');
        return b.append(hex).toString();
    }

    private static String clientId(String key) {
        return key.substring(0, key.lastIndexOf(SEP));
    }

    private static long messageId(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf(SEP) + 1), 16);
    }

    private static List<String> keysOf(MVMap<String, Long> map, String clientId) {
        List<String> keys = new ArrayList<>();
        String from = clientId + SEP;
        for (Cursor<String, Long> c = map.cursor(from, clientId + (char) (SEP + 1), false); c.hasNext(); ) {
            keys.add(c.next());
        }
        return keys;
    }

    private static long pack(int qos, int packetId, boolean released) {
        return qos | (released ? 4L : 0L) | (long) packetId << 8;
    }

    private <T> T decode(Decoder<T> decoder, String what) throws StoreException {
        try {
            return decoder.decode();
        } catch (IOException | RuntimeException e) {
            throw new StoreException(
                    file.path + ": cannot read " + what + " (" + e.getMessage() + "); move the file"
                            + " away to start with an empty store",
                    e);
        }
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode() throws IOException;
    }
}

package io.rung.broker.store.mvstore;

import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.StoreException;
import io.rung.broker.store.StoredMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * Retained messages by topic in the {@code retained} map. Those the gateway publishes (client id {@code $gateway})
 * stay in memory only: it republishes its values at start, and writing every poll result would wear the disk. Such a
 * message replacing a stored one removes the stored one, so an old value never comes back after a restart.
 */
final class MvRetainedStore implements RetainedStore {
    /** The in-process gateway's client id; its retained messages are not stored. */
    static final String GATEWAY = "$gateway";

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BrokerFile file;
    private final GroupCommitWriter writer;
    private final MVMap<String, byte[]> retained;
    private final Set<String> storedTopics = ConcurrentHashMap.newKeySet();
    private final List<StoredMessage> loaded = new ArrayList<>();

    MvRetainedStore(BrokerFile file, GroupCommitWriter writer) {
        this.file = file;
        this.writer = writer;
        this.retained = file.stringToBytes("retained");
    }

    @Override
    public CompletableFuture<Void> put(StoredMessage message) {
        String topic = message.message().topic();
        if (GATEWAY.equals(message.message().origin().clientId())) return remove(topic);
        storedTopics.add(topic);
        return writer.submit(() -> {
            retained.put(topic, RecordCodec.message(message));
            file.usedMessageId(message.id());
        });
    }

    @Override
    public CompletableFuture<Void> remove(String topic) {
        if (!storedTopics.remove(topic)) return DONE;
        return writer.submit(() -> retained.remove(topic));
    }

    /** At open: reads every retained message. */
    void load() throws StoreException {
        for (var e : retained.entrySet()) {
            StoredMessage m;
            try {
                m = RecordCodec.message(e.getValue());
            } catch (IOException | RuntimeException ex) {
                throw new StoreException(
                        file.path + ": cannot read the retained message of '" + e.getKey() + "' (" + ex.getMessage()
                                + "); move the file away to start with an empty store",
                        ex);
            }
            loaded.add(m);
            storedTopics.add(e.getKey());
            file.usedMessageId(m.id());
        }
    }

    @Override
    public List<StoredMessage> loadAll() {
        List<StoredMessage> all = List.copyOf(loaded);
        loaded.clear();
        return all;
    }
}

package io.rung.broker.store.mvstore;

import io.rung.broker.store.StoreException;
import io.rung.broker.store.StoredWill;
import io.rung.broker.store.WillStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVMap;

/** Wills waiting for their delay, by client id, in the {@code wills} map. */
final class MvWillStore implements WillStore {
    private final BrokerFile file;
    private final GroupCommitWriter writer;
    private final MVMap<String, byte[]> wills;
    private final List<StoredWill> loaded = new ArrayList<>();

    MvWillStore(BrokerFile file, GroupCommitWriter writer) {
        this.file = file;
        this.writer = writer;
        this.wills = file.stringToBytes("wills");
    }

    @Override
    public CompletableFuture<Void> put(StoredWill will) {
        return writer.submit(() -> wills.put(will.clientId(), RecordCodec.will(will)));
    }

    @Override
    public CompletableFuture<Void> remove(String clientId) {
        return writer.submit(() -> wills.remove(clientId));
    }

    /** At open: reads every pending will. */
    void load() throws StoreException {
        for (var e : wills.entrySet()) {
            try {
                loaded.add(RecordCodec.will(e.getValue()));
            } catch (IOException | RuntimeException ex) {
                throw new StoreException(
                        file.path + ": cannot read the will of client '" + e.getKey() + "' (" + ex.getMessage()
                                + "); move the file away to start with an empty store",
                        ex);
            }
        }
    }

    @Override
    public List<StoredWill> loadAll() {
        List<StoredWill> all = List.copyOf(loaded);
        loaded.clear();
        return all;
    }
}

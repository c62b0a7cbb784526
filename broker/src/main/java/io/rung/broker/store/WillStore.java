package io.rung.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Wills waiting for their delay; removed when published or cancelled by a reconnect. */
public interface WillStore {
    CompletableFuture<Void> put(StoredWill will);

    CompletableFuture<Void> remove(String clientId);

    /** At start: every pending will; those already due are published at once. */
    List<StoredWill> loadAll();
}

package io.rung.broker.routing;

import io.rung.broker.Message;
import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.topic.RetainedTree;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The retained message of every topic, in memory for matching and in the store for restarts. */
public final class RetainedMessages {
    private final RetainedTree<Publication> tree = new RetainedTree<>();
    private final RetainedStore store;

    public RetainedMessages(RetainedStore store) {
        this.store = store;
    }

    /** Loads the store at start; expired messages are dropped. */
    public void load() {
        for (StoredMessage s : store.loadAll()) {
            Publication pub = Publication.restored(s);
            if (pub == null) store.remove(s.message().topic());
            else tree.put(pub.topic(), pub);
        }
    }

    /** Sets, replaces or (empty payload) clears the retained message of the publication's topic [MQTT-3.3.1-6]. */
    public CompletableFuture<Void> update(Publication pub) {
        Message m = pub.message();
        if (m.payload().length == 0) {
            if (tree.remove(m.topic()) == null) return Router.DONE;
            return store.remove(m.topic());
        }
        tree.put(m.topic(), pub);
        return store.put(pub.stored());
    }

    /** Every live retained message matching {@code filter}; expired ones are removed on the way. */
    public void match(String filter, Consumer<Publication> sink) {
        long now = System.nanoTime();
        tree.match(filter, pub -> {
            if (pub.expired(now)) {
                if (tree.remove(pub.topic(), pub) != null) store.remove(pub.topic());
            } else {
                sink.accept(pub);
            }
        });
    }

    public int size() {
        return tree.size();
    }
}

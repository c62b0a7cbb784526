package io.rung.broker.store.mvstore;

import io.rung.broker.store.BrokerStore;
import io.rung.broker.store.RetainedStore;
import io.rung.broker.store.SessionStore;
import io.rung.broker.store.StoreException;
import io.rung.broker.store.WillStore;
import io.rung.config.PersistenceConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.file.Path;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: one H2 MVStore file, {@code <broker.persistence.dir>/broker.mv}, written by a single
 * group-commit thread (see {@code store/README.md} for what survives a crash or a power loss in each fsync mode).
 *
 * <pre>{@code
 * try (MvBrokerStore store = MvBrokerStore.open(Path.of("data/broker.mv"), Fsync.BATCH)) {
 *     store.retained().put(message).join(); // completes once committed
 * }
 * }</pre>
 */
public final class MvBrokerStore implements BrokerStore {
    /** The store's file name inside the data dir. */
    public static final String FILE_NAME = "broker.mv";

    private static final Logger LOG = LoggerFactory.getLogger(MvBrokerStore.class);

    private final BrokerFile file;
    private final GroupCommitWriter writer;
    private final MvSessionStore sessions;
    private final MvRetainedStore retained;
    private final MvWillStore wills;

    private MvBrokerStore(BrokerFile file, Fsync fsync) {
        this.file = file;
        this.writer = new GroupCommitWriter(file, fsync, file.path.toString());
        this.sessions = new MvSessionStore(file, writer);
        this.retained = new MvRetainedStore(file, writer);
        this.wills = new MvWillStore(file, writer);
    }

    /** Opens {@code <dir>/broker.mv}, creating the dir and the file when missing. */
    public static MvBrokerStore open(PersistenceConfig config) throws StoreException {
        return open(config.dir().resolve(FILE_NAME), config.fsync());
    }

    /** Opens or creates the store file; compacts it and trims entries no session owns. */
    public static MvBrokerStore open(Path path, Fsync fsync) throws StoreException {
        BrokerFile file = BrokerFile.open(path, fsync);
        try {
            MvBrokerStore store = new MvBrokerStore(file, fsync);
            store.sessions.load();
            store.retained.load();
            store.wills.load();
            file.commit();
            file.compact();
            store.writer.start();
            LOG.info("Store {} opened (fsync {})", path, fsync.name().toLowerCase(java.util.Locale.ROOT));
            return store;
        } catch (StoreException | MVStoreException e) {
            file.store.closeImmediately();
            if (e instanceof StoreException se) throw se;
            throw new StoreException(
                    path + " is damaged or is not a Rung broker store; move it away to start with" + " an empty store",
                    e);
        }
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public RetainedStore retained() {
        return retained;
    }

    @Override
    public WillStore wills() {
        return wills;
    }

    @Override
    public long lastMessageId() {
        return file.lastMessageId();
    }

    /** Group commits so far (each wrote a batch of changes), for metrics and benchmarks. */
    public long commits() {
        return writer.commits();
    }

    /** Syncs (fsync) so far, for metrics and benchmarks. */
    public long syncs() {
        return writer.syncs();
    }

    @Override
    public void close() {
        writer.close();
        try {
            file.close();
        } catch (MVStoreException e) {
            LOG.error("store {} was not closed cleanly: {}", file.path, e.getMessage(), e);
        }
    }
}

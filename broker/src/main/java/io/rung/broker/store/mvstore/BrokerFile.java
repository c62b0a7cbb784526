package io.rung.broker.store.mvstore;

import io.rung.broker.store.StoreException;
import io.rung.config.PersistenceConfig.Fsync;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The MVStore file and its maps: opening with a one-line error naming the file, compaction at start, commit, sync
 * and idle housekeeping for the {@link GroupCommitWriter}. MVStore's own background writer is off (no auto-commit):
 * only the writer thread commits.
 */
final class BrokerFile implements GroupCommitWriter.Disk {
    static final long FORMAT = 1;
    private static final String FORMAT_KEY = "format";
    private static final String LAST_ID_KEY = "lastMessageId";
    private static final String ALIVE_KEY = "aliveAt";
    private static final int START_COMPACT_MILLIS = 5_000;

    final Path path;
    final MVStore store;
    final MVMap<String, Long> meta;
    private long lastMessageId;
    private long storedLastMessageId;

    private BrokerFile(Path path, MVStore store) {
        this.path = path;
        this.store = store;
        this.meta = stringToLong("rung");
        this.lastMessageId = meta.getOrDefault(LAST_ID_KEY, 0L);
        this.storedLastMessageId = lastMessageId;
    }

    /** Opens or creates {@code path}; a locked, unreadable or damaged file fails with one plain line. */
    static BrokerFile open(Path path, Fsync fsync) throws StoreException {
        Path dir = path.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("cannot create the data dir " + dir + ": " + e.getFile() + " is a file", e);
        } catch (IOException e) {
            throw new StoreException("cannot create the data dir " + dir + ": " + e.getMessage(), e);
        }
        if (Files.exists(path) && !(Files.isReadable(path) && Files.isWritable(path))) {
            throw new StoreException(path + " cannot be read and written by this user (check its permissions)");
        }
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(path.toString())
                    .autoCommitDisabled()
                    .open();
        } catch (MVStoreException e) {
            throw new StoreException(describe(path, e), e);
        }
        try {
            store.setRetentionTime(retentionMillis(fsync));
            BrokerFile file = new BrokerFile(path, store);
            file.checkFormat();
            return file;
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw new StoreException(describe(path, e), e);
        } catch (StoreException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * How long MVStore keeps space of replaced data before reusing it: longer than the gap between syncs, so a power
     * loss never finds the last synced state overwritten; short enough that a busy store stays small.
     */
    private static int retentionMillis(Fsync fsync) {
        return switch (fsync) {
            case ALWAYS -> 1_000;
            case BATCH -> 2_000;
            case NEVER -> 45_000; // MVStore's default: the OS writes dirty pages back within ~30 s
        };
    }

    private static String describe(Path path, MVStoreException e) {
        return switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED ->
                path + " is in use by another process (is another Rung running" + " on the same data dir?)";
            case DataUtils.ERROR_UNSUPPORTED_FORMAT -> path + " was written in a format this Rung cannot read";
            case DataUtils.ERROR_WRITING_FAILED -> path + " cannot be written (disk full or read-only?)";
            default ->
                path + " is damaged or is not a Rung broker store; move it away to start with an empty" + " store";
        };
    }

    private void checkFormat() throws StoreException {
        Long format = meta.get(FORMAT_KEY);
        if (format == null) {
            boolean empty = store.getMapNames().stream().allMatch(n -> n.equals("rung"));
            if (!empty)
                throw new StoreException(
                        path + " is not a Rung broker store; move it away to start with an" + " empty store");
            meta.put(FORMAT_KEY, FORMAT);
            store.commit();
        } else if (format != FORMAT) {
            throw new StoreException(path + " has store format " + format + " but this Rung reads format " + FORMAT
                    + "; it was written by another Rung version");
        }
    }

    /** At start, with every map open: moves live data together and shrinks the file. */
    void compact() {
        store.compactFile(START_COMPACT_MILLIS);
    }

    MVMap<String, byte[]> stringToBytes(String name) {
        return store.openMap(
                name,
                new MVMap.Builder<String, byte[]>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
    }

    MVMap<String, Long> stringToLong(String name) {
        return store.openMap(
                name,
                new MVMap.Builder<String, Long>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(LongDataType.INSTANCE));
    }

    MVMap<Long, byte[]> longToBytes(String name) {
        return store.openMap(
                name,
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    /** Wall-clock time of the last commit of the previous run (0 if unknown): when a crash cut connections. */
    long aliveAt() {
        return meta.getOrDefault(ALIVE_KEY, 0L);
    }

    long lastMessageId() {
        return lastMessageId;
    }

    /** Records that message id {@code id} was stored (writer thread); persisted with the next commit. */
    void usedMessageId(long id) {
        if (id > lastMessageId) lastMessageId = id;
    }

    @Override
    public void commit() {
        if (!store.hasUnsavedChanges()) return;
        if (lastMessageId != storedLastMessageId) {
            meta.put(LAST_ID_KEY, lastMessageId);
            storedLastMessageId = lastMessageId;
        }
        meta.put(ALIVE_KEY, System.currentTimeMillis());
        store.commit();
    }

    @Override
    public void sync() {
        store.sync();
    }

    @Override
    public void idle() {
        meta.put(ALIVE_KEY, System.currentTimeMillis());
        store.compact(80, 1 << 20); // rewrite up to 1 MiB of chunks that are less than 80 % live
        store.commit();
    }

    /** Commits, syncs and closes the file (the writer has stopped). */
    void close() {
        commit();
        store.close();
    }
}

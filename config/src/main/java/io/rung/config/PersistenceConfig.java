package io.rung.config;

import java.nio.file.Path;

/** {@code broker.persistence}: where all state lives, and how hard it is pushed to disk. */
public record PersistenceConfig(Path dir, Fsync fsync) {
    /** What a power loss can lose; a process crash ({@code kill -9}) loses nothing acknowledged in any mode. */
    public enum Fsync {
        BATCH,
        ALWAYS,
        NEVER
    }

    public static PersistenceConfig defaults(Path baseDir) {
        return new PersistenceConfig(baseDir.resolve("data"), Fsync.BATCH);
    }
}

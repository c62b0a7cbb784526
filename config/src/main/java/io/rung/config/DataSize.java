package io.rung.config;

/** A number of bytes, written in YAML as {@code 256KiB}, {@code 1GiB}, {@code 512B}. */
public record DataSize(long bytes) {
    public DataSize {
        if (bytes < 0) throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKiB(long kib) {
        return new DataSize(kib * 1024);
    }

    public static DataSize ofMiB(long mib) {
        return new DataSize(mib * 1024 * 1024);
    }

    public static DataSize ofGiB(long gib) {
        return new DataSize(gib * 1024 * 1024 * 1024);
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1L << 30) == 0) return bytes / (1L << 30) + "GiB";
        if (bytes != 0 && bytes % (1L << 20) == 0) return bytes / (1L << 20) + "MiB";
        if (bytes != 0 && bytes % (1L << 10) == 0) return bytes / (1L << 10) + "KiB";
        return bytes + "B";
    }
}

package io.rung.config;

import java.util.Comparator;

/**
 * One mistake (or, with {@code warning}, one doubtful setting) found in a configuration file, located by
 * 1-based line and column. {@link #toString()} is the line users see:
 *
 * <pre>
 * rung.yaml:9:13: broker.listeners[1].port: must be between 0 and 65535 (was 70000)
 * rung.yaml:40:21: warning: devices[1].opcua.trustAll: accepts any server certificate; use it for commissioning only
 * </pre>
 *
 * @param source the file name as the user gave it, such as {@code rung.yaml}
 * @param path the key path such as {@code devices[0].points[2].address}; empty for file-level problems
 * @param message lower case, no trailing period, never a password or a substituted value
 */
public record Problem(String source, int line, int column, String path, String message, boolean warning) {
    /** File order: by line, then column. */
    public static final Comparator<Problem> BY_LOCATION =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    public Problem {
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, got " + line);
        if (column < 1) throw new IllegalArgumentException("column must be >= 1, got " + column);
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + (warning ? "warning: " : "")
                + (path.isEmpty() ? "" : path + ": ") + message;
    }
}

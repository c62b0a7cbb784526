package io.rung.broker.bridge;

import org.jspecify.annotations.Nullable;

/** A bridge's disk queue cannot be opened, read or written; the message says which file and why. */
public final class QueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

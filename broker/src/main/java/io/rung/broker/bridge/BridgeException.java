package io.rung.broker.bridge;

import org.jspecify.annotations.Nullable;

/** A bridge cannot start: its TLS files cannot be used or its queue file cannot be opened. */
public final class BridgeException extends Exception {
    private static final long serialVersionUID = 1L;

    public BridgeException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

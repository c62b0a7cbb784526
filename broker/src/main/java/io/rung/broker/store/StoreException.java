package io.rung.broker.store;

/** The store cannot be opened or written; the message names the file and the problem in plain words. */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

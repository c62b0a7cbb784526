package io.rung.broker.listener;

/** A TLS certificate, key or CA file that cannot be used; the message says why in plain words. */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}

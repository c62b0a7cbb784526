package io.rung.gateway;

/** The gateway could not start: a listener cannot bind, the data dir is not writable, … (one clear line). */
public final class GatewayException extends Exception {
    private static final long serialVersionUID = 1L;

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    public GatewayException(String message) {
        super(message);
    }
}

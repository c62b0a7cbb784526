package io.rung.gateway.http;

/** The HTTP server cannot start: the port is taken, the TLS files cannot be read. The message is one plain line. */
public final class HttpServerException extends Exception {
    private static final long serialVersionUID = 1L;

    public HttpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}

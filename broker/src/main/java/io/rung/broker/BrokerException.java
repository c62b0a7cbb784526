package io.rung.broker;

/** The broker could not start; the message is one line for the user, such as "port 1883 is already in use". */
public final class BrokerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}

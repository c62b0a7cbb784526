package io.rung.broker.topic;

/** A topic filter breaks the syntax rules; the message says which rule, in plain words. */
public final class InvalidTopicFilterException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTopicFilterException(String message) {
        super(message);
    }
}

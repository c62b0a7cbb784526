package io.rung.broker.topic;

/** A topic filter breaks the syntax rules; the message says which rule, in plain words. */
public final class InvalidTopicFilterException extends Exception {
    public InvalidTopicFilterException(String message) {
        super(message);
    }
}

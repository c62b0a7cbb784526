package io.rung.gateway.northbound;

import io.rung.drivers.api.DriverException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns a failed driver call into the plain words that {@code $status}, results and logs show. */
public final class FailureText {
    private FailureText() {}

    /** The cause in plain words: a driver's own message, or a generic text that names no Java class. */
    public static String of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (cause instanceof DriverException && message != null) return message;
        if (cause instanceof TimeoutException) return message == null ? "no answer in time" : message;
        return message == null || message.isBlank() ? "unexpected failure" : "unexpected failure: " + message;
    }
}

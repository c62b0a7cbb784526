package io.rung.gateway.southbound;

/** A command that breaks a safety rule; the message is the {@code error} text of its result. */
final class CommandRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandRefusedException(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return String.valueOf(getMessage());
    }
}

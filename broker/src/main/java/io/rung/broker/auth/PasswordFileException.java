package io.rung.broker.auth;

/**
 * A password file cannot be read, parsed or written, or an operation on it makes no sense (unknown user on delete).
 * The message is meant for the user as is, such as {@code passwd:3: malformed line (expected user:hash)}; it never
 * contains a password.
 */
public final class PasswordFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public PasswordFileException(String message) {
        super(message);
    }

    public PasswordFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.rung.drivers.api;

/**
 * A value that cannot be converted for a point: it does not fit the point's type, is not a number, or cannot be
 * scaled. The message says so in plain words, e.g. {@code 70000 does not fit uint16 (0..65535)}.
 */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }
}

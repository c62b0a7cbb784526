package io.rung.broker.codec;

/** A packet breaks the wire format; the message says how, in plain words. */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}

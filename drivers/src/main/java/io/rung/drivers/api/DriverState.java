package io.rung.drivers.api;

import java.util.Optional;

/**
 * A driver's connection state and, when not connected, why.
 *
 * @param error the last failure in plain words, for {@code $status}
 */
public record DriverState(State state, Optional<String> error) {
    /** The lifecycle of a connection. */
    public enum State { DISCONNECTED, CONNECTING, CONNECTED, FAILED }

    public static DriverState connected() { return new DriverState(State.CONNECTED, Optional.empty()); }
}

package io.rung.drivers.api;

import java.util.Optional;

/**
 * A driver's connection state and, when not connected, why.
 *
 * @param error the last failure in plain words, for {@code $status}
 */
public record DriverState(State state, Optional<String> error) {
    /**
     * The lifecycle of a connection. {@code FAILED}: a connection attempt failed (no answer, refused socket);
     * {@code REFUSED}: the device answers but refuses the connection for a reason a person must fix (an untrusted
     * certificate on either side, a refused login, no endpoint matching the configuration); published as
     * {@code $status} {@code error} rather than {@code offline}.
     */
    public enum State {
        DISCONNECTED,
        CONNECTING,
        CONNECTED,
        FAILED,
        REFUSED
    }

    public static DriverState connected() {
        return new DriverState(State.CONNECTED, Optional.empty());
    }
}

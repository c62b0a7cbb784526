package io.rung.gateway.mapping;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code <device.topic>/$status} says about a device.
 *
 * @param error why it is not online, in plain words; empty when online or simply not polled yet
 */
public record DeviceStatus(State state, Optional<String> error) {
    /** {@code online}: the last poll answered; {@code offline}: no connection or no answer; {@code error}: it answers
     *  but the mapping is wrong (every point refused, certificate untrusted). */
    public enum State {
        ONLINE,
        OFFLINE,
        ERROR;

        /** The spelling in the payload: {@code online}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static DeviceStatus online() {
        return new DeviceStatus(State.ONLINE, Optional.empty());
    }

    /** Offline without a known cause: before the first poll. */
    public static DeviceStatus offline() {
        return new DeviceStatus(State.OFFLINE, Optional.empty());
    }

    public static DeviceStatus offline(String error) {
        return new DeviceStatus(State.OFFLINE, Optional.of(error));
    }

    public static DeviceStatus error(String error) {
        return new DeviceStatus(State.ERROR, Optional.of(error));
    }
}

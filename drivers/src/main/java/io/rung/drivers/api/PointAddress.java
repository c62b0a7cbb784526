package io.rung.drivers.api;

import io.rung.config.PointConfig;

/** A point of a device as the driver sees it: the device's name (for messages) and the point's configuration. */
public record PointAddress(String device, PointConfig config) {
    public String name() {
        return config.name();
    }

    @Override
    public String toString() {
        return device + "/" + config.name();
    }
}

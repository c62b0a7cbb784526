package io.rung.gateway.southbound;

import io.rung.config.PointConfig;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Value;
import io.rung.gateway.northbound.DeviceRuntime;
import io.rung.gateway.port.InboundCommand;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command that passed every check on arrival and waits for its device's lane.
 *
 * @param label {@code <device>/<point>}, as messages name the point
 */
record Command(
        InboundCommand message,
        DeviceRuntime device,
        PointConfig point,
        String label,
        Value value,
        Optional<String> idJson,
        OptionalLong ts) {
    PointAddress address() {
        return new PointAddress(device.name(), point);
    }

    int qos() {
        return device.config().qos();
    }
}

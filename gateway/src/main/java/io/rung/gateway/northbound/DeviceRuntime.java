package io.rung.gateway.northbound;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.PointAddress;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One device at run time: its config, its driver, the lane that serialises its polls and commands, and the
 * publisher of its values. Shared by {@link PollScheduler} and the southbound command subscriber.
 *
 * <pre>{@code
 * DeviceRuntime plc = DeviceRuntime.create(deviceConfig, driver, mqtt, retainedTopics, Clock.systemUTC(),
 *         Ticker.system());
 * }</pre>
 */
public record DeviceRuntime(DeviceConfig config, Driver driver, DeviceLane lane, PointPublisher publisher) {
    /** A runtime with a new lane and publisher. */
    public static DeviceRuntime create(
            DeviceConfig config, Driver driver, MqttPort mqtt, RetainedTopics retained, Clock clock, Ticker ticker) {
        return new DeviceRuntime(
                config, driver, new DeviceLane(), new PointPublisher(config, mqtt, retained, clock, ticker));
    }

    public String name() {
        return config.name();
    }

    /** Every point as the driver sees it, in config order: what one poll reads. */
    public List<PointAddress> addresses() {
        return config.points().stream()
                .map(p -> new PointAddress(config.name(), p))
                .toList();
    }

    public Optional<PointConfig> point(String name) {
        return config.points().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

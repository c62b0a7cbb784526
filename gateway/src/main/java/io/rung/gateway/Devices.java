package io.rung.gateway;

import io.rung.config.DeviceConfig;
import io.rung.config.ModbusConfig;
import io.rung.config.OpcUaConfig;
import io.rung.config.RungConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.modbus.ModbusDriver;
import io.rung.drivers.modbus.ModbusLines;
import io.rung.gateway.mapping.DeviceTopics;
import io.rung.gateway.northbound.DeviceRuntime;
import io.rung.gateway.northbound.PollScheduler;
import io.rung.gateway.northbound.RetainedTopics;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.Ticker;
import io.rung.gateway.southbound.CommandSubscriber;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PLC side of a running gateway: one driver and runtime per device, their polls and the command subscriber. */
final class Devices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devices.class);

    private final List<DeviceRuntime> runtimes;
    private final ModbusLines lines;
    private final PollScheduler polls;
    private final CommandSubscriber commands;

    private Devices(List<DeviceRuntime> runtimes, ModbusLines lines, PollScheduler polls,
                    CommandSubscriber commands) {
        this.runtimes = runtimes;
        this.lines = lines;
        this.polls = polls;
        this.commands = commands;
    }

    /** Creates every device's driver, clears retained topics no longer mapped, then starts polls and commands. */
    static Devices start(RungConfig config, MqttPort mqtt, Path dataDir) throws GatewayException {
        Clock clock = Clock.systemUTC();
        Ticker ticker = Ticker.system();
        ModbusLines lines = new ModbusLines();
        RetainedTopics retained = new RetainedTopics(dataDir.resolve("gateway-retained.txt"));
        List<DeviceRuntime> runtimes = new ArrayList<>();
        try {
            List<String> cleared = retained.clearUnmapped(DeviceTopics.retained(config.devices()), mqtt);
            if (!cleared.isEmpty()) log.info("Cleared {} retained topics no longer mapped.", cleared.size());
            for (DeviceConfig device : config.devices()) {
                runtimes.add(DeviceRuntime.create(device, driverFor(device, lines, clock), mqtt, retained, clock, ticker));
            }
            PollScheduler polls = new PollScheduler(runtimes, PollScheduler.DEFAULT_TICK);
            var commands = new CommandSubscriber(mqtt, runtimes, clock, ticker);
            commands.start();
            polls.start();
            return new Devices(runtimes, lines, polls, commands);
        } catch (DriverException e) {
            runtimes.forEach(r -> r.driver().close());
            lines.close();
            throw new GatewayException("device " + e.device() + ": " + e.getMessage(), e);
        } catch (SchedulerException e) {
            runtimes.forEach(r -> r.driver().close());
            lines.close();
            throw new GatewayException("cannot schedule polls: " + e.getMessage(), e);
        } catch (IOException e) {
            lines.close();
            throw new GatewayException("cannot read or write " + dataDir.resolve("gateway-retained.txt") + ": "
                    + e.getMessage(), e);
        }
    }

    private static Driver driverFor(DeviceConfig device, ModbusLines lines, Clock clock) throws DriverException {
        if (device.connection() instanceof ModbusConfig) return ModbusDriver.create(device, lines, clock);
        if (device.connection() instanceof OpcUaConfig) {
            throw new DriverException(device.name(), "OPC UA devices are not supported by this build yet");
        }
        throw new DriverException(device.name(), "unknown connection type");
    }

    /** Refuses new commands, stops polls (every {@code $status} goes offline), then closes the drivers. */
    @Override
    public void close() {
        commands.stop();
        polls.close();
        for (DeviceRuntime r : runtimes) r.driver().close();
        lines.close();
    }
}

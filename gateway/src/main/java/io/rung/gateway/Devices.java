package io.rung.gateway;

import io.rung.config.DeviceConfig;
import io.rung.config.ModbusConfig;
import io.rung.config.OpcUaConfig;
import io.rung.config.RungConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.modbus.ModbusDriver;
import io.rung.drivers.modbus.ModbusLines;
import io.rung.drivers.opcua.OpcUaDriver;
import io.rung.gateway.mapping.DeviceTopics;
import io.rung.gateway.northbound.DeviceRuntime;
import io.rung.gateway.northbound.PollObserver;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PLC side of a running gateway: one driver and runtime per device, their polls and the command subscriber. */
final class Devices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devices.class);
    private static final String RETAINED_FILE = "gateway-retained.txt";

    private final Path dataDir;
    private final String gatewayId;
    private final ModbusLines lines = new ModbusLines();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rung-connect-retry");
        t.setDaemon(true);
        return t;
    });
    private final List<DeviceRuntime> runtimes = new ArrayList<>();
    private @Nullable PollScheduler polls;
    private @Nullable CommandSubscriber commands;

    private Devices(Path dataDir, String gatewayId) {
        this.dataDir = dataDir;
        this.gatewayId = gatewayId;
    }

    /** Creates every device's driver, clears retained topics no longer mapped, then starts polls and commands. */
    static Devices start(RungConfig config, MqttPort mqtt, Path dataDir, PollObserver observer)
            throws GatewayException {
        Devices devices = new Devices(dataDir, config.gateway().id());
        try {
            devices.startAll(config, mqtt, observer);
            return devices;
        } catch (DriverException e) {
            devices.close();
            throw new GatewayException("device " + e.device() + ": " + e.getMessage(), e);
        } catch (SchedulerException e) {
            devices.close();
            throw new GatewayException("cannot schedule polls: " + e.getMessage(), e);
        } catch (IOException e) {
            devices.close();
            throw new GatewayException(
                    "cannot read or write " + dataDir.resolve(RETAINED_FILE) + ": " + e.getMessage(), e);
        }
    }

    private void startAll(RungConfig config, MqttPort mqtt, PollObserver observer)
            throws DriverException, SchedulerException, IOException {
        Clock clock = Clock.systemUTC();
        Ticker ticker = Ticker.system();
        RetainedTopics retained = new RetainedTopics(dataDir.resolve(RETAINED_FILE));
        List<String> cleared = retained.clearUnmapped(DeviceTopics.retained(config.devices()), mqtt);
        if (!cleared.isEmpty()) log.info("Cleared {} retained topics no longer mapped.", cleared.size());
        for (DeviceConfig device : config.devices()) {
            runtimes.add(DeviceRuntime.create(device, driverFor(device, clock), mqtt, retained, clock, ticker));
        }
        polls = new PollScheduler(runtimes, PollScheduler.DEFAULT_TICK, observer);
        commands = new CommandSubscriber(mqtt, runtimes, clock, ticker);
        commands.start();
        polls.start();
    }

    private Driver driverFor(DeviceConfig device, Clock clock) throws DriverException {
        if (device.connection() instanceof ModbusConfig) return ModbusDriver.create(device, lines, clock);
        if (device.connection() instanceof OpcUaConfig) {
            return new RetryingConnect(
                    device.name(), new OpcUaDriver(device, dataDir.resolve("pki"), gatewayId, clock), timer);
        }
        throw new DriverException(device.name(), "unknown connection type");
    }

    /** Refuses new commands, stops polls (every {@code $status} goes offline), then closes the drivers. */
    @Override
    public void close() {
        if (commands != null) commands.stop();
        if (polls != null) polls.close();
        for (DeviceRuntime r : runtimes) r.driver().close();
        lines.close();
        timer.shutdownNow();
    }
}

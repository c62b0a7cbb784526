package io.rung.drivers.modbus;

import io.rung.config.DeviceConfig;
import io.rung.config.ModbusConfig;
import io.rung.drivers.api.ConversionException;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link Driver} of one Modbus device (j2mod master). Its requests run on the thread of its {@link ModbusLine},
 * shared with every device on the same serial port or host:port, and its futures complete there: callbacks must
 * not block. Reads follow the device's {@link ReadPlan}; a read fails only for connection-level reasons (no
 * connection, no answer); a point the device refuses becomes a bad sample.
 *
 * <pre>{@code
 * ModbusLines lines = new ModbusLines();                       // one per gateway
 * ModbusDriver plc = ModbusDriver.create(device, lines, Clock.systemUTC());
 * plc.onStateChange(s -> ...);
 * plc.connect();
 * plc.read(points).thenAccept(samples -> ...);
 * plc.close();                                                 // the line closes with its last device
 * }</pre>
 */
public final class ModbusDriver implements Driver {
    private final String device;
    private final List<PointAddress> points;
    private final ModbusLines lines;
    private final ModbusLine line;
    private final DeviceLink link;
    private final PointReader reader;
    private final PointWriter writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModbusDriver(DeviceConfig config, ModbusConfig modbus, ModbusLines lines, Clock clock)
            throws DriverException {
        this.device = config.name();
        this.points =
                config.points().stream().map(p -> new PointAddress(device, p)).toList();
        this.lines = lines;
        ModbusEndpoint endpoint;
        try {
            endpoint = ModbusEndpoint.parse(modbus.url());
        } catch (IllegalArgumentException e) {
            throw new DriverException(device, e.getMessage(), e);
        }
        this.link = new DeviceLink(device, modbus, endpoint);
        this.line = lines.join(device, modbus, link);
        this.reader = new PointReader(device, modbus, link, clock);
        this.writer = new PointWriter(device, modbus, link);
        reader.plan(points);
    }

    /**
     * A driver for a device with a {@code modbus:} connection, joined to the line its url names.
     *
     * @param clock the clock of sample times (the gateway's wall clock)
     * @throws DriverException when the device is not a Modbus device, its url is invalid, or it cannot share the
     *     line its url names (framing or serial settings differ, {@code unit: 0} on RTU)
     */
    public static ModbusDriver create(DeviceConfig device, ModbusLines lines, Clock clock) throws DriverException {
        if (!(device.connection() instanceof ModbusConfig modbus)) {
            throw new DriverException(device.name(), "device " + device.name() + " has no modbus connection");
        }
        return new ModbusDriver(device, modbus, lines, clock);
    }

    public String device() {
        return device;
    }

    /** The plan for all of the device's points, as currently remembered (including splits). */
    public ReadPlan plan() {
        return reader.plan(points);
    }

    /** The device's points, in configuration order, as {@link #read} expects them. */
    public List<PointAddress> points() {
        return points;
    }

    /** The current connection state. */
    public DriverState state() {
        return link.state();
    }

    @Override
    public CompletableFuture<Void> connect() {
        return line.submit(device, l -> {
            try {
                l.ensureConnected();
                return null;
            } catch (ModbusRequestException e) {
                throw new DriverException(device, e.getMessage(), e);
            }
        });
    }

    @Override
    public CompletableFuture<List<Sample>> read(List<PointAddress> toRead) {
        if (closed.get()) return CompletableFuture.failedFuture(new DriverException(device, "driver is closed"));
        return line.submit(device, l -> reader.read(l, toRead));
    }

    /**
     * Writes an engineering value. Fails with a {@link ConversionException} when the value does not fit the point
     * (nothing is sent), or a {@link DriverException} when the point is read-only, the device refuses, or it
     * cannot be reached.
     */
    @Override
    public CompletableFuture<Void> write(PointAddress point, Value value) {
        if (closed.get()) return CompletableFuture.failedFuture(new DriverException(device, "driver is closed"));
        try {
            return line.submit(device, writer.prepare(point, value));
        } catch (ConversionException | DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void onStateChange(Consumer<DriverState> listener) {
        link.listen(listener);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            line.submit(device, l -> {
                link.closed();
                return null;
            });
            lines.leave(line, link);
        }
    }
}

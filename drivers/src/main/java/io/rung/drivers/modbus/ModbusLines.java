package io.rung.drivers.modbus;

import io.rung.config.ModbusConfig;
import io.rung.drivers.api.DriverException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's Modbus lines, keyed by endpoint: devices whose url names the same serial port or the same
 * host:port share one {@link ModbusLine} (one connection, one thread). Create one per gateway, hand it to every
 * {@link ModbusDriver}, close it at shutdown.
 *
 * <pre>{@code
 * ModbusLines lines = new ModbusLines();
 * ModbusDriver plc1 = ModbusDriver.create(device1, lines, clock);   // tcp://10.0.0.5:502, unit 1
 * ModbusDriver plc2 = ModbusDriver.create(device2, lines, clock);   // tcp://10.0.0.5:502, unit 2: same line
 * }</pre>
 */
public final class ModbusLines implements AutoCloseable {
    private final Map<String, ModbusLine> lines = new HashMap<>();
    private final Map<String, String> firstDevice = new HashMap<>();

    /**
     * The line for a device, created on first use.
     *
     * @throws DriverException when the url is invalid, {@code unit: 0} is used on an RTU line, or the device's
     *     framing or serial settings disagree with another device on the same line
     */
    synchronized ModbusLine join(String device, ModbusConfig modbus, ModbusLine.Member member) throws DriverException {
        ModbusEndpoint endpoint;
        try {
            endpoint = ModbusEndpoint.parse(modbus.url());
        } catch (IllegalArgumentException e) {
            throw new DriverException(device, e.getMessage(), e);
        }
        if (modbus.unit() < 0 || modbus.unit() > 255) {
            throw new DriverException(device, "unit must be between 0 and 255 (was " + modbus.unit() + ")");
        }
        if (endpoint.isRtu() && modbus.unit() == 0) {
            throw new DriverException(
                    device,
                    "unit 0 (broadcast) is not allowed on RTU line " + endpoint.lineKey()
                            + ": broadcasts get no answer; use the device's own unit id (1..247)");
        }
        String key = endpoint.lineKey();
        ModbusLine line = lines.get(key);
        if (line == null) {
            line = new ModbusLine(endpoint);
            lines.put(key, line);
            firstDevice.put(key, device);
        } else {
            checkAgrees(device, endpoint, line.endpoint(), key);
        }
        line.join(member, modbus.timeout(), modbus.interFrameDelay());
        return line;
    }

    private void checkAgrees(String device, ModbusEndpoint mine, ModbusEndpoint theirs, String key)
            throws DriverException {
        String other = firstDevice.get(key);
        if (mine.framing() != theirs.framing()) {
            throw new DriverException(
                    device,
                    "line " + key + " is used as " + mine.describe() + " by device " + device + " but as "
                            + theirs.describe() + " by device " + other + "; one line has one framing");
        }
        if (mine.isSerial() && !mine.serialSettings().equals(theirs.serialSettings())) {
            throw new DriverException(
                    device,
                    "serial settings of device " + device + " (" + mine.serialSettings()
                            + ") differ from those of device " + other + " (" + theirs.serialSettings() + ") on line "
                            + key
                            + "; devices on one serial line must use the same settings");
        }
    }

    /** Removes a device from its line; the line closes when its last device leaves. */
    synchronized void leave(ModbusLine line, ModbusLine.Member member) {
        if (line.leave(member)) {
            String key = line.endpoint().lineKey();
            if (lines.get(key) == line) {
                lines.remove(key);
                firstDevice.remove(key);
            }
            line.close();
        }
    }

    /** How many lines are open (devices sharing an endpoint count once). */
    public synchronized int size() {
        return lines.size();
    }

    /** Closes every line. */
    @Override
    public synchronized void close() {
        List<ModbusLine> all = new ArrayList<>(lines.values());
        lines.clear();
        firstDevice.clear();
        all.forEach(ModbusLine::close);
    }
}

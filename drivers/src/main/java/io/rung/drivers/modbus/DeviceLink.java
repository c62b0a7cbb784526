package io.rung.drivers.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import io.rung.config.ModbusConfig;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.DriverState.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's view of its line: sends its requests with the device's unit, timeout and retries, backs off a
 * device that stopped answering (so it costs the other devices on the line at most one timeout per back-off),
 * merges line and device health into the device's {@link DriverState}, and writes the device's log lines.
 * Everything but {@link #listen} and {@link #state} runs on the line thread.
 */
final class DeviceLink implements ModbusLine.Member {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriver.class);

    private final String device;
    private final ModbusConfig modbus;
    private final ModbusEndpoint endpoint;
    private final List<Consumer<DriverState>> listeners = new CopyOnWriteArrayList<>();
    private final Backoff backoff = Backoff.standard();
    private DriverState line = new DriverState(State.DISCONNECTED, Optional.empty());
    private @Nullable String deviceError;
    private long nextTry = Long.MIN_VALUE;
    private @Nullable String lastLoggedLineError;
    private volatile DriverState reported = new DriverState(State.DISCONNECTED, Optional.empty());

    DeviceLink(String device, ModbusConfig modbus, ModbusEndpoint endpoint) {
        this.device = device;
        this.modbus = modbus;
        this.endpoint = endpoint;
    }

    void listen(Consumer<DriverState> listener) {
        listeners.add(listener);
    }

    DriverState state() {
        return reported;
    }

    /**
     * Sends a request and returns the answer. A device exception (other than a gateway's "target failed to
     * respond") is thrown as it is, for the caller to judge; timeouts and connection failures become a
     * {@link DriverException} after retries, and the device backs off.
     *
     * @param verb {@code read} or {@code write}, for the log line
     * @param what the registers concerned, e.g. {@code holding:9-10 (40010-40011)}
     */
    ModbusResponse call(ModbusLine onLine, ModbusRequest request, String verb, String what)
            throws ModbusRequestException, DriverException {
        long now = System.nanoTime();
        if (deviceError != null && now < nextTry) {
            // stable text while the device stays down: it is what $status.error shows
            throw new DriverException(device, "not answering (" + deviceError + ")");
        }
        int attempts = deviceError != null ? 1 : 1 + Math.max(0, modbus.retries());
        ModbusRequestException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                ModbusResponse response = onLine.execute(request, modbus.unit(), modbus.timeout());
                answered();
                return response;
            } catch (ModbusRequestException e) {
                if (e.kind() == ModbusRequestException.Kind.CONNECTION) {
                    // the line's cause, the same text its state change reports, so $status does not flap
                    throw new DriverException(device, e.getMessage(), e);
                }
                if (!e.deviceUnreachable()) {
                    answered();
                    throw e;
                }
                last = e;
            }
        }
        String cause = last == null ? "no answer" : String.valueOf(last.getMessage());
        Duration wait = backoff.next();
        nextTry = System.nanoTime() + wait.toNanos();
        boolean first = deviceError == null;
        deviceError = cause;
        if (first) {
            LOG.warn("Device {} {} failed: {}: {}; retrying in {}.", device, verb, what, cause, Backoff.words(wait));
        } else {
            LOG.debug(
                    "Device {} {} failed again: {}: {}; retrying in {}.",
                    device,
                    verb,
                    what,
                    cause,
                    Backoff.words(wait));
        }
        update();
        throw new DriverException(device, what + ": " + cause, last);
    }

    private void answered() {
        if (deviceError != null) {
            LOG.info("Device {} answers again ({}, unit {}).", device, endpoint.describe(), modbus.unit());
            deviceError = null;
            backoff.reset();
            update();
        }
    }

    @Override
    public void lineState(DriverState state, Optional<Duration> retryIn) {
        line = state;
        String error = state.error().orElse("unknown cause");
        switch (state.state()) {
            case CONNECTED -> {
                lastLoggedLineError = null;
                LOG.info("Device {} connected ({}, unit {}).", device, endpoint.describe(), modbus.unit());
            }
            case FAILED -> {
                String retry =
                        retryIn.map(d -> "; retrying in " + Backoff.words(d)).orElse("");
                if (error.equals(lastLoggedLineError)) {
                    LOG.debug("Device {} connection failed: {}{}.", device, error, retry);
                } else {
                    LOG.warn("Device {} connection failed: {}{}.", device, error, retry);
                    lastLoggedLineError = error;
                }
            }
            case DISCONNECTED -> LOG.warn("Device {} lost connection: {}; reconnecting.", device, error);
            case CONNECTING -> LOG.debug("Device {} connecting ({}).", device, endpoint.describe());
        }
        update();
    }

    /** Reports the device as closed. */
    void closed() {
        line = new DriverState(State.DISCONNECTED, Optional.of("closed"));
        update();
    }

    private void update() {
        DriverState next;
        if (line.state() != State.CONNECTED) next = line;
        else if (deviceError != null) next = new DriverState(State.FAILED, Optional.of(deviceError));
        else next = DriverState.connected();
        if (next.equals(reported)) return;
        reported = next;
        for (Consumer<DriverState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("Device {} state listener failed", device, e);
            }
        }
    }
}

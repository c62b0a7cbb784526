package io.rung.drivers.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One open j2mod master connection (TCP socket or serial port) and the request/response exchange on it. Used by
 * one line thread only, so it is not thread-safe. Errors are turned into words here, in one place.
 */
final class ModbusConnection {
    private final ModbusEndpoint endpoint;
    private @Nullable TCPMasterConnection tcp;
    private @Nullable SerialConnection serial;
    private @Nullable AbstractModbusTransport transport;
    private int transactionId;

    ModbusConnection(ModbusEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    boolean isOpen() {
        return transport != null;
    }

    /** Opens the socket or port; on failure throws with the cause in words, e.g. {@code connection refused by …}. */
    void open(Duration timeout) throws ModbusRequestException {
        close();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        if (endpoint.isSerial()) {
            openSerial(millis);
            return;
        }
        try {
            TCPMasterConnection c = new TCPMasterConnection(InetAddress.getByName(endpoint.host()));
            c.setPort(endpoint.port());
            c.setTimeout(millis);
            c.connect(endpoint.framing() == ModbusEndpoint.Framing.RTU_OVER_TCP);
            tcp = c;
            transport = c.getModbusTransport();
        } catch (UnknownHostException e) {
            throw ModbusRequestException.connection("unknown host " + endpoint.host());
        } catch (ConnectException e) {
            throw ModbusRequestException.connection("connection refused by " + endpoint.hostPort());
        } catch (SocketTimeoutException e) {
            throw ModbusRequestException.connection(
                    "no connection to " + endpoint.hostPort() + " within " + millis + " ms");
        } catch (NoRouteToHostException e) {
            throw ModbusRequestException.connection("no route to " + endpoint.hostPort());
        } catch (Exception e) {
            // j2mod declares connect() as throwing Exception
            throw ModbusRequestException.connection("cannot connect to " + endpoint.hostPort() + ": " + lower(e));
        }
    }

    private void openSerial(int millis) throws ModbusRequestException {
        SerialParameters p = new SerialParameters();
        p.setPortName(endpoint.serialPort());
        p.setBaudRate(endpoint.baud());
        p.setDatabits(endpoint.dataBits());
        p.setStopbits(endpoint.stopBits());
        p.setParity(
                switch (endpoint.parity()) {
                    case "even" -> 2;
                    case "odd" -> 1;
                    default -> 0;
                });
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        SerialConnection c = new SerialConnection(p);
        try {
            c.open();
        } catch (java.io.IOException e) {
            throw ModbusRequestException.connection(
                    "cannot open serial port " + endpoint.serialPort() + ": " + lower(e));
        }
        c.setTimeout(millis);
        serial = c;
        transport = c.getModbusTransport();
    }

    /**
     * Sends one request to {@code unit} and waits up to {@code timeout} for its answer. On TCP an answer with
     * another transaction id (a late answer to an earlier, timed-out request) is skipped.
     */
    ModbusResponse execute(ModbusRequest request, int unit, Duration timeout) throws ModbusRequestException {
        AbstractModbusTransport t = transport;
        if (t == null) throw ModbusRequestException.connection("not connected");
        request.setUnitID(unit);
        boolean checkId = endpoint.framing() == ModbusEndpoint.Framing.TCP;
        if (checkId) {
            transactionId = (transactionId + 1) & 0xFFFF;
            request.setTransactionID(transactionId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        t.setTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            t.writeRequest(request);
            while (true) {
                ModbusResponse response = t.readResponse();
                boolean stale = (checkId && response.getTransactionID() != request.getTransactionID())
                        || (endpoint.isRtu() && response.getUnitID() != unit);
                if (!stale) {
                    if (response instanceof ExceptionResponse e)
                        throw ModbusRequestException.device(e.getExceptionCode());
                    return response;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw ModbusRequestException.timeout(timeout.toMillis());
                t.setTimeout((int) left);
            }
        } catch (ModbusIOException e) {
            throw classify(e, timeout);
        }
    }

    private ModbusRequestException classify(ModbusIOException e, Duration timeout) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        // j2mod reports a socket read timeout only in its message; a serial port has no connection to lose
        if (endpoint.isSerial() || message.contains("timeout") || message.contains("timed out")) {
            return ModbusRequestException.timeout(timeout.toMillis());
        }
        close();
        if (message.contains("end of stream") || message.contains("eof")) {
            return ModbusRequestException.connection("connection closed by " + endpoint.hostPort());
        }
        if (message.contains("reset")) {
            return ModbusRequestException.connection("connection reset by " + endpoint.hostPort());
        }
        return ModbusRequestException.connection("connection to " + endpoint.hostPort() + " lost: " + lower(e));
    }

    private static String lower(Exception e) {
        String m = e.getMessage();
        return m == null ? "no details given" : m.toLowerCase(Locale.ROOT);
    }

    void close() {
        if (tcp != null) tcp.close();
        if (serial != null) serial.close();
        tcp = null;
        serial = null;
        transport = null;
    }
}

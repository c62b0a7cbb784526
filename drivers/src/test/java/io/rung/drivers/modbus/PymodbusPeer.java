package io.rung.drivers.modbus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's pymodbus as an independent Modbus server on a free loopback port ({@code pymodbus_peer.py}), plus
 * one-shot reads with pymodbus' client to check what the driver wrote. Closing kills the server.
 */
final class PymodbusPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;

    private PymodbusPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server ({@code socket} or {@code rtu} framing) and waits until it listens; retries on a port clash. */
    static PymodbusPeer start(String framing) throws IOException {
        return start("serve", "%d", framing);
    }

    /**
     * Starts an RTU server for units 1 and 2 on a serial port (e.g. one end of a {@link PtyPair}), with a Modbus TCP
     * server over the same registers on {@link #port()} for {@link #read}; waits until both are ready.
     */
    static PymodbusPeer startSerial(String serialPort, int baud) throws IOException {
        return start("serial", serialPort, Integer.toString(baud), "%d");
    }

    /** Runs the script with {@code args}, {@code %d} replaced by a free port, until that port listens. */
    private static PymodbusPeer start(String... args) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script().toString()));
            for (String a : args) command.add(a.equals("%d") ? Integer.toString(port) : a);
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            PymodbusPeer peer = new PymodbusPeer(p, port);
            try {
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !p.isAlive() || peer.listening());
                if (p.isAlive()) return peer;
                last = new IOException("pymodbus server exited with " + p.exitValue() + " on port " + port);
            } catch (RuntimeException e) {
                peer.close();
                throw e;
            }
        }
        throw last;
    }

    int port() {
        return port;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads with pymodbus' own client: {@code holding} registers or {@code coil}s, as numbers. */
    List<Integer> read(String table, int address, int count) throws IOException, InterruptedException {
        return read(table, address, count, 1);
    }

    /** Reads unit {@code unit}'s {@code holding} registers or {@code coil}s with pymodbus' own client. */
    List<Integer> read(String table, int address, int count, int unit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        PYTHON,
                        script().toString(),
                        "read",
                        Integer.toString(port),
                        table,
                        Integer.toString(address),
                        Integer.toString(count),
                        Integer.toString(unit))
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) throw new IOException("pymodbus client did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) throw new IOException("pymodbus client failed: " + out);
            return java.util.Arrays.stream(out.split("\\s+"))
                    .map(Integer::valueOf)
                    .toList();
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path script() {
        try {
            return Path.of(
                    PymodbusPeer.class.getResource("/modbus/pymodbus_peer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource modbus/pymodbus_peer.py not found", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

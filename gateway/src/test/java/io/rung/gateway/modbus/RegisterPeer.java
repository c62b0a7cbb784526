package io.rung.gateway.modbus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Debian's pymodbus as an independent Modbus TCP device ({@code register_peer.py}) whose holding registers start
 * with the values of a spec file; it can be killed ({@code SIGKILL}) and started again on the same port. Reads
 * and encodings come from pymodbus' client and Python's {@code struct}, never from Rung's codec.
 */
final class RegisterPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Path spec;
    private final int port;
    private @Nullable Process process;

    private RegisterPeer(Path spec, int port) {
        this.spec = spec;
        this.port = port;
    }

    /** Starts a server on a free loopback port with registers preset from {@code spec}; retries on a port clash. */
    static RegisterPeer start(Path spec) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RegisterPeer peer = new RegisterPeer(spec, freePort());
            try {
                peer.restart();
                return peer;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts the server again on the same port, with the spec's values; waits until it listens. */
    void restart() throws IOException {
        Process p = new ProcessBuilder(PYTHON, script().toString(), "serve", Integer.toString(port), spec.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process = p;
        try {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !p.isAlive() || listening());
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        if (!p.isAlive()) throw new IOException("pymodbus server exited with " + p.exitValue() + " on port " + port);
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

    /** Kills the server at once, as a power cut would, and waits until it is gone. */
    void kill() {
        Process p = process;
        process = null;
        if (p == null) return;
        try {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code count} holding registers or coils from {@code address}, read with pymodbus' own client. */
    List<Integer> read(String table, int address, int count) throws IOException, InterruptedException {
        return numbers(run("read", Integer.toString(port), table, Integer.toString(address), Integer.toString(count)));
    }

    /** The registers Python's {@code struct} makes of each line of a spec file, in order. */
    static List<List<Integer>> encode(Path spec) throws IOException, InterruptedException {
        String out = run("encode", spec.toString());
        return out.lines().map(RegisterPeer::numbers).toList();
    }

    private static List<Integer> numbers(String line) {
        return Arrays.stream(line.trim().split("\\s+")).map(Integer::valueOf).toList();
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // the output is a few kB at most, so reading before waiting cannot block the script
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS))
                throw new IOException("register_peer.py " + args[0] + " did not finish");
            if (p.exitValue() != 0) throw new IOException("register_peer.py " + args[0] + " failed: " + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path script() {
        try {
            return Path.of(
                    RegisterPeer.class.getResource("/modbus/register_peer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource modbus/register_peer.py not found", e);
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
        kill();
    }
}

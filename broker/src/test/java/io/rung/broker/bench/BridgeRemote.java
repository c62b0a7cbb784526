package io.rung.broker.bench;

import io.rung.broker.it.support.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Debian's mosquitto as the remote of the bridge benchmark, on a port chosen before it runs (the bridge is
 * configured with it while mosquitto is still down): anonymous, no persistence, no queue limit, the same in-flight
 * window as the load benchmark, TCP_NODELAY. {@link #start()} and {@link #stop()} may be called repeatedly.
 */
final class BridgeRemote implements AutoCloseable {
    private final int port;
    private final int maxInflight;
    private final Path config;
    private @Nullable Process process;

    private BridgeRemote(int port, int maxInflight, Path config) {
        this.port = port;
        this.maxInflight = maxInflight;
        this.config = config;
    }

    /** A remote on a port that was free a moment ago; not started yet. */
    static BridgeRemote onFreePort(int maxInflight) {
        try {
            return new BridgeRemote(
                    FreePorts.pick(), maxInflight, Files.createTempFile("bridge-bench-mosquitto-", ".conf"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mosquitto config", e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        Process p = process;
        if (p == null) throw new IllegalStateException("mosquitto is not running");
        return p.pid();
    }

    /** Starts mosquitto and waits (10 s at most) until it accepts connections. */
    void start() {
        try {
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "listener " + port + " 127.0.0.1",
                            "allow_anonymous true",
                            "persistence false",
                            "max_queued_messages 0",
                            "max_queued_bytes 0",
                            "max_inflight_messages " + maxInflight,
                            "set_tcp_nodelay true",
                            "log_dest stderr",
                            "log_type error",
                            "log_type warning",
                            ""));
            Process p = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process = p;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive())
                    throw new IllegalStateException(
                            "mosquitto exited at start (port " + port + " taken?), exit code " + p.exitValue());
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    p.waitFor(20, TimeUnit.MILLISECONDS);
                }
            }
            throw new IllegalStateException("mosquitto did not accept connections on port " + port + " within 10 s");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    /** SIGTERM, then SIGKILL after 5 s. */
    void stop() {
        Process p = process;
        if (p == null) return;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() throws IOException {
        stop();
        Files.deleteIfExists(config);
    }
}

package io.rung.broker.bench;

import io.rung.broker.it.support.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto started on a free loopback port with a generated config, for the comparison: anonymous, no
 * persistence, large queues, the same in-flight window as Rung, and TCP_NODELAY like Rung's Netty sockets.
 */
final class MosquittoServer implements AutoCloseable {
    private final Process process;
    private final Path config;
    private final int port;

    private MosquittoServer(Process process, Path config, int port) {
        this.process = process;
        this.config = config;
        this.port = port;
    }

    /** Starts mosquitto, retrying on another port when the picked one was taken meanwhile. */
    static MosquittoServer start(int maxInflight) {
        return FreePorts.startOnFreePort(5, port -> startOn(port, maxInflight));
    }

    private static MosquittoServer startOn(int port, int maxInflight) {
        try {
            Path config = Files.createTempFile("bench-mosquitto-", ".conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "listener " + port + " 127.0.0.1",
                            "allow_anonymous true",
                            "persistence false",
                            "max_queued_messages 1000000",
                            "max_inflight_messages " + maxInflight,
                            "set_tcp_nodelay true",
                            "log_dest stderr",
                            "log_type error",
                            "log_type warning",
                            ""));
            Process process = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    Files.deleteIfExists(config);
                    throw new FreePorts.PortTakenException(port);
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new MosquittoServer(process, config, port);
                } catch (IOException notYet) {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("mosquitto did not accept connections on port " + port + " within 10 s");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(config);
    }
}

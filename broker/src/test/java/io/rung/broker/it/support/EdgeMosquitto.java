package io.rung.broker.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's mosquitto as an edge broker on a free loopback port, with extra config lines (a {@code connection} bridge
 * into Rung, say); its log lines are collected. Closing it stops the process.
 *
 * <pre>{@code
 * try (EdgeMosquitto edge = EdgeMosquitto.start(dir, List.of("connection rung", "address 127.0.0.1:" + port))) {
 *     edge.awaitLine("Connecting bridge rung");
 * }
 * }</pre>
 */
public final class EdgeMosquitto implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MosquittoProcess process;
    private final int port;

    private EdgeMosquitto(MosquittoProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts mosquitto with anonymous access on a free port and {@code settings} after its own lines. */
    public static EdgeMosquitto start(Path dir, List<String> settings) {
        return FreePorts.startOnFreePort(5, port -> tryStart(dir, port, settings));
    }

    private static EdgeMosquitto tryStart(Path dir, int port, List<String> settings) {
        List<String> conf = new ArrayList<>(List.of(
                "per_listener_settings false",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "listener " + port + " 127.0.0.1"));
        if ("root".equals(System.getProperty("user.name"))) conf.add("user root");
        conf.addAll(settings);
        Path config = dir.resolve("mosquitto-" + port + ".conf");
        try {
            Files.createDirectories(dir);
            Files.write(config, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        MosquittoProcess p = MosquittoProcess.start(List.of("/usr/sbin/mosquitto", "-c", config.toString()));
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!p.isAlive()) return true;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            p.close();
            throw new IllegalStateException(
                    "mosquitto did not listen on " + port + " within " + WAIT + ": " + p.lines(), e);
        }
        if (!p.isAlive()) {
            p.awaitExit(WAIT); // reads the rest of its output
            if (p.lines().stream().anyMatch(l -> l.contains("Address already in use"))) {
                throw new FreePorts.PortTakenException(port);
            }
            throw new IllegalStateException("mosquitto exited at start: " + p.lines());
        }
        return new EdgeMosquitto(p, port);
    }

    public int port() {
        return port;
    }

    public List<String> lines() {
        return process.lines();
    }

    /** Waits for a log line containing every one of {@code parts} and returns it. */
    public String awaitLine(String... parts) {
        return process.awaitLine(l -> Arrays.stream(parts).allMatch(l::contains));
    }

    @Override
    public void close() {
        process.close();
    }
}

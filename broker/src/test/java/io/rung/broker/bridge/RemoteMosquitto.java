package io.rung.broker.bridge;

import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Debian's mosquitto as the remote of a bridge: a generated config on a free loopback port, persistence in its own
 * folder, and {@link #stop()} / {@link #start()} on the same port for outage tests. Output lines are collected.
 */
final class RemoteMosquitto implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final List<String> settings;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private @Nullable Process process;

    private RemoteMosquitto(Path dir, int port, List<String> settings) {
        this.dir = dir;
        this.port = port;
        this.settings = List.copyOf(settings);
    }

    /**
     * Starts mosquitto on a free port with {@code settings} added to its config (TLS files, auth); anonymous
     * access unless the settings say otherwise.
     */
    static RemoteMosquitto start(Path dir, List<String> settings) {
        return FreePorts.startOnFreePort(5, port -> {
            RemoteMosquitto m = new RemoteMosquitto(dir, port, settings);
            if (!m.tryStart()) throw new FreePorts.PortTakenException(port);
            return m;
        });
    }

    static RemoteMosquitto start(Path dir) {
        return start(dir, List.of("allow_anonymous true"));
    }

    int port() {
        return port;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until mosquitto logged a line containing every one of {@code parts}. */
    void awaitLog(String... parts) {
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> lines.stream().anyMatch(l -> {
                        for (String p : parts) if (!l.contains(p)) return false;
                        return true;
                    }));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "mosquitto logged no line with " + List.of(parts) + ":\n" + String.join("\n", lines), e);
        }
    }

    /** Waits until a further listener from the settings accepts connections (mosquitto opens them one by one). */
    void awaitListening(int otherPort) {
        await().atMost(START).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", otherPort), 200);
                return true;
            }
        });
    }

    /** Starts it again on the same port after {@link #stop()}. */
    void start() {
        if (!tryStart())
            throw new IllegalStateException("mosquitto did not start again on port " + port + ": " + lines);
    }

    private boolean tryStart() {
        try {
            Path config = dir.resolve("mosquitto.conf");
            Files.createDirectories(dir.resolve("db"));
            List<String> conf = new ArrayList<>(List.of(
                    "listener " + port + " 127.0.0.1",
                    "persistence true",
                    "persistence_location " + dir.resolve("db") + "/",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "log_type information",
                    "log_type subscribe",
                    "connection_messages true"));
            if ("root".equals(System.getProperty("user.name"))) conf.add("user root"); // keep access to our files
            conf.addAll(settings);
            Files.write(config, conf);
            Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .start();
            process = p;
            Thread reader = new Thread(() -> read(p), "mosquitto-" + p.pid());
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) return false;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                } catch (IOException notYet) {
                    p.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            throw new IllegalStateException("mosquitto did not listen on " + port + " within " + START + ": " + lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    private void read(Process p) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
        } catch (IOException e) {
            lines.add("<output closed: " + e.getMessage() + ">");
        }
    }

    /** SIGTERM: mosquitto saves its sessions and queued messages, then exits. */
    void stop() {
        Process p = process;
        if (p == null) return;
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}

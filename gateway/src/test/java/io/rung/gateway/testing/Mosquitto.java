package io.rung.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto on a free loopback port, configured by the test. mosquitto cannot report its port, so one is
 * picked (bind 0, close) and the start is retried on a bind conflict.
 */
public final class Mosquitto implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts mosquitto with {@code config}, whose {@code %d} is replaced by the port. */
    public static Mosquitto start(Path dir, String config) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOn(dir, config, freePort());
            } catch (PortTaken e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts mosquitto on a given port, e.g. again on the port of one that was stopped. */
    public static Mosquitto startOn(Path dir, String config, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Path log = dir.resolve("mosquitto-" + port + ".log");
        Files.writeString(conf, String.format(Locale.ROOT, config, port));
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive() || accepts(port));
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw new IOException("mosquitto did not start: " + Files.readString(log), e);
        }
        if (p.isAlive()) return new Mosquitto(p, port, log);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (out.contains("Address already in use")) throw new PortTaken("mosquitto exited: " + out);
        throw new IOException("mosquitto exited: " + out);
    }

    /** The chosen port was taken between picking and binding it. */
    private static final class PortTaken extends IOException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A port that was free on 127.0.0.1 a moment ago (for a peer that cannot report its own). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

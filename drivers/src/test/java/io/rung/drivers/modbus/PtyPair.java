package io.rung.drivers.modbus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two pseudo-terminals joined by {@code socat}, a null-modem cable in software: what one end writes, the other
 * reads. Serial tests open one end with the driver and the other with a Modbus RTU slave. Closing kills socat.
 */
final class PtyPair implements AutoCloseable {
    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    private final Process socat;
    private final Path log;
    private final String first;
    private final String second;

    private PtyPair(Process socat, Path log, String first, String second) {
        this.socat = socat;
        this.log = log;
        this.first = first;
        this.second = second;
    }

    /** Starts socat and waits until it has reported both ends ({@code /dev/pts/N}). */
    static PtyPair open() throws IOException {
        Path log = Files.createTempFile("rung-socat", ".log");
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || ends(log).size() == 2);
            List<String> ends = ends(log);
            if (ends.size() != 2) {
                throw new IOException(
                        "socat did not open a pty pair: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new PtyPair(p, log, ends.get(0), ends.get(1));
        } catch (IOException | RuntimeException e) {
            stop(p);
            Files.deleteIfExists(log);
            throw e;
        }
    }

    private static List<String> ends(Path log) throws IOException {
        Matcher m = PTY.matcher(Files.readString(log, StandardCharsets.UTF_8));
        List<String> ends = new java.util.ArrayList<>();
        while (m.find()) ends.add(m.group(1));
        return ends;
    }

    /** The end the driver (the master) opens. */
    String first() {
        return first;
    }

    /** The end the slave opens. */
    String second() {
        return second;
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        stop(socat);
        Files.deleteIfExists(log);
    }
}

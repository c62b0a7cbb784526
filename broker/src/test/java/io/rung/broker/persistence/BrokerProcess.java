package io.rung.broker.persistence;

import static org.awaitility.Awaitility.await;

import io.rung.config.PersistenceConfig.Fsync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link BrokerProcessMain} in a child JVM on the test classpath, so a test can kill it like {@code kill -9}. Its
 * output goes to {@code broker.log} beside the data dir.
 *
 * <pre>{@code
 * try (BrokerProcess broker = BrokerProcess.start(dataDir, 0, Fsync.BATCH)) {
 *     int port = broker.port();
 *     broker.kill();
 * }
 * }</pre>
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    private final int port;

    private BrokerProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the broker on {@code port} (0 = any) and waits until it listens. */
    static BrokerProcess start(Path dataDir, int port, Fsync fsync) throws IOException {
        Files.createDirectories(dataDir);
        Path portFile = dataDir.resolve(BrokerProcessMain.PORT_FILE);
        Files.deleteIfExists(portFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerProcessMain.class.getName(),
                dataDir.toString(),
                Integer.toString(port),
                fsync.name());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-broker.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile) || !process.isAlive());
            if (!Files.exists(portFile)) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + "; see " + log);
            }
            int bound = Integer.parseInt(
                    Files.readString(portFile, StandardCharsets.US_ASCII).trim());
            return new BrokerProcess(process, dataDir, bound);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** SIGKILL: no shutdown hook, no store close; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("broker did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the broker", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}

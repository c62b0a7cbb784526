package io.rung.broker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RungBenchServer} in a child JVM on the same classpath, so the load generator does not share its heap. */
final class RungProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("bench");
    private final Process process;
    private final int port;

    private RungProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RungProcess start(List<String> jvmArgs, int maxInflight) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                RungBenchServer.class.getName(),
                String.valueOf(maxInflight)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            if (line.startsWith("READY "))
                                ready.complete(
                                        Integer.parseInt(line.substring(6).trim()));
                            else if (line.contains("messages received")) LOG.info("rung: {}", line.trim());
                        }
                        ready.completeExceptionally(new IllegalStateException("rung bench server exited before READY"));
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                },
                "rung-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new RungProcess(process, ready.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
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
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

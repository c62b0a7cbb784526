package io.rung.broker.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link BridgeProcess} in a child JVM on the test classpath, to be killed with SIGKILL. */
final class RungChild implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY (\\d+)");

    private final Process process;
    private final int port;
    private final List<String> lines;

    private RungChild(Process process, int port, List<String> lines) {
        this.process = process;
        this.port = port;
        this.lines = lines;
    }

    static RungChild start(Path dataDir, int remotePort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BridgeProcess.class.getName(),
                        dataDir.toString(),
                        String.valueOf(remotePort))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                            Matcher m = READY.matcher(line);
                            if (m.find()) ready.complete(Integer.parseInt(m.group(1)));
                        }
                        ready.completeExceptionally(new IllegalStateException("rung exited before READY: " + lines));
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                },
                "rung-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new RungChild(process, ready.get(60, TimeUnit.SECONDS), lines);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** SIGKILL: no shutdown hook, no flush, no offline status. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Asks the child to stop (closes its input) and kills it if it has not within 10 s. */
    @Override
    public void close() throws IOException {
        if (!process.isAlive()) return;
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

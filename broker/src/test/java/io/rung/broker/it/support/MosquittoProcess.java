package io.rung.broker.it.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** A running external program whose combined output is collected line by line; closing it kills it. */
public final class MosquittoProcess implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private MosquittoProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static MosquittoProcess start(List<String> command) {
        try {
            return new MosquittoProcess(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private void readOutput() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
        } catch (IOException e) {
            lines.add("<output closed: " + e.getMessage() + ">");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for an output line matching the predicate and returns it. */
    public String awaitLine(Predicate<String> matches) {
        try {
            await().atMost(WAIT).until(() -> {
                if (lines.stream().anyMatch(matches)) return true;
                if (!process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("process exited with " + process.exitValue()
                            + " without the expected line; output: " + lines);
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected output line did not appear within " + WAIT + "; output: " + lines, e);
        }
        return lines.stream().filter(matches).findFirst().orElseThrow();
    }

    /** Waits for an output line equal to the text. */
    public String awaitLine(String text) {
        return awaitLine(text::equals);
    }

    /** Waits for the process to exit and for its output to be read; returns the exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("process did not exit within " + timeout + "; output: " + lines);
            }
            reader.join(WAIT.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for process", e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.rung.broker.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub} against a broker on 127.0.0.1, as separate
 * processes that are always cleaned up; {@code stdbuf -oL} makes their output arrive line by line through the pipe.
 *
 * <pre>{@code
 * try (MosquittoProcess sub = MosquittoTools.subscribe(port, Protocol.V5, "-t", "a/#", "-C", "1")) {
 *     MosquittoTools.publish(port, Protocol.V311, "-t", "a/b", "-m", "hello");
 *     sub.awaitLine("hello");
 * }
 * }</pre>
 */
public final class MosquittoTools {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);

    private MosquittoTools() {}

    /** What a finished mosquitto_pub run printed and returned. */
    public record Result(int exitCode, List<String> output) {}

    /**
     * Starts {@code mosquitto_sub -d} with the given arguments and returns once its SUBACK arrived, so messages
     * published afterwards are not missed.
     */
    public static MosquittoProcess subscribe(int port, Protocol protocol, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "stdbuf",
                "-oL",
                "mosquitto_sub",
                "-d",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-V",
                protocol.mosquittoName()));
        command.addAll(List.of(args));
        MosquittoProcess process = MosquittoProcess.start(command);
        try {
            process.awaitLine(line -> line.contains("received SUBACK"));
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** Runs {@code mosquitto_pub} to completion. */
    public static Result publish(int port, Protocol protocol, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "stdbuf",
                "-oL",
                "mosquitto_pub",
                "-d",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-V",
                protocol.mosquittoName()));
        command.addAll(List.of(args));
        try (MosquittoProcess process = MosquittoProcess.start(command)) {
            int code = process.awaitExit(RUN_TIMEOUT);
            return new Result(code, process.lines());
        }
    }
}

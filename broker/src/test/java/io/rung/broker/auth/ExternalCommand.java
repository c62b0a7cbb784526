package io.rung.broker.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a mosquitto tool to completion and returns its exit code and combined output. */
record ExternalCommand(int exitCode, String output) {
    static ExternalCommand run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IOException(command[0] + " did not finish within 30 s");
            return new ExternalCommand(
                    p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}

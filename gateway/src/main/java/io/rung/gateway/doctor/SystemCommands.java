package io.rung.gateway.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the firewall tools the server checks read; tests give a fake. */
@FunctionalInterface
public interface SystemCommands {
    /**
     * What a command printed.
     *
     * @param found false when the program is not installed
     * @param ok exit code 0
     */
    record Output(boolean found, boolean ok, String text) {}

    Output run(List<String> command);

    /** The real programs, each given 5 s. */
    static SystemCommands local() {
        return command -> {
            try {
                Process p =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Output(true, false, "no answer within 5 s");
                }
                return new Output(true, p.exitValue() == 0, new String(out, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Output(false, false, e.getMessage() == null ? "" : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Output(true, false, "interrupted");
            }
        };
    }
}

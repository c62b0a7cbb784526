package io.rung.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void threeMistakesArePrintedWithLineAndColumnAndExitTwo() throws Exception {
        Path file = dir.resolve("rung.yaml");
        Files.writeString(file, """
                broker:
                  listeners:
                    - { port: 70000 }
                  limits: { maxInflite: 5 }
                bridges:
                  - { name: cloud, url: "http://cloud.example.com", out: [ { topic: "a/#" } ] }
                """);
        int code = Main.execute("check", "-c", file.toString());
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text).contains(file + ":3:15: broker.listeners[0].port: must be between 0 and 65535 (was 70000)");
        assertThat(text).contains(file + ":4:13: broker.limits: unknown key 'maxInflite' (did you mean 'maxInflight'?)");
        assertThat(text).containsPattern(java.util.regex.Pattern.quote(file + ":6:") + "\\d+: bridges\\[0\\]\\.url: .*http");
        assertThat(text).contains("3 problems in " + file + "; gateway not started.");
    }

    @Test
    void validConfigPrintsOneLineSummaryAndExitsZero() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "broker:\n  listeners:\n    - { port: 1883 }\n  auth: { anonymous: true }\n");
        int code = Main.execute("check", "-c", file.toString());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo(file + ": ok: 1 listener, 0 devices with 0 points, 0 bridges.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.execute("check", "--nonsense")).isEqualTo(2);
    }
}

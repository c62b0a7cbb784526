package io.rung.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

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
        String text = console.stderr();
        assertThat(code).isEqualTo(2);
        assertThat(text).contains(file + ":3:15: broker.listeners[0].port: must be between 0 and 65535 (was 70000)");
        assertThat(text)
                .contains(file + ":4:13: broker.limits: unknown key 'maxInflite' (did you mean 'maxInflight'?)");
        assertThat(text)
                .containsPattern(java.util.regex.Pattern.quote(file + ":6:") + "\\d+: bridges\\[0\\]\\.url: .*http");
        assertThat(text).contains("3 problems in " + file + "; gateway not started.");
    }

    @Test
    void validConfigPrintsOneLineSummaryAndExitsZero() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "broker:\n  listeners:\n    - { port: 1883 }\n  auth: { anonymous: true }\n");
        int code = Main.execute("check", "-c", file.toString());
        assertThat(code).isZero();
        assertThat(console.stdout().trim()).isEqualTo(file + ": ok: 1 listener, 0 devices with 0 points, 0 bridges.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.execute("check", "--nonsense")).isEqualTo(2);
    }
}

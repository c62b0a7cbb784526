package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the text, the loader answers with a config or with located problems, never with another exception. */
class MangledConfigTest {
    private static final Map<String, String> ENV = Map.of("TANK_PW", "x", "CLOUD_PASSWORD", "y");

    @TempDir
    Path dir;

    @Test
    void everyMangledVariantOfTheExampleGivesAConfigOrProblems() throws IOException {
        Files.createDirectories(dir.resolve("certs"));
        for (String f : List.of("certs/server.crt", "certs/server.key", "certs/ca.crt", "passwd")) {
            Files.writeString(dir.resolve(f), "test file\n");
        }
        String example;
        try (InputStream in = getClass().getResourceAsStream("/design-example.yaml")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = example.lines().toList();
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            variants.add(String.join("\n", lines.subList(0, i))); // cut after line i
            List<String> without = new ArrayList<>(lines);
            without.remove(i);
            variants.add(String.join("\n", without)); // line i removed
        }
        String[] junk = {"", ":", "{", "]", "- ", "~", "\"", "0", "${"};
        for (int pos = 0; pos < example.length(); pos += 7) {
            String j = junk[pos % junk.length];
            variants.add(example.substring(0, pos) + j + example.substring(Math.min(example.length(), pos + 1)));
        }
        int failed = 0;
        for (String text : variants) {
            try {
                ConfigLoader.parseWithWarnings(text, "rung.yaml", dir, ENV);
            } catch (ConfigException e) {
                failed++;
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isBetween(1, lines.size() + 2));
                assertThat(e.getMessage()).endsWith("; gateway not started.");
            }
        }
        assertThat(failed).isPositive().isLessThan(variants.size());
    }
}

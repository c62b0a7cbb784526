package io.rung.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;

/** Loads YAML text as {@code rung.yaml} in a test folder and returns the config, or the lines users would see. */
final class ConfigFixture {
    private final Path dir;
    private final Map<String, String> env;

    ConfigFixture(Path dir) {
        this(dir, Map.of());
    }

    ConfigFixture(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** The config of a file that must load without errors (warnings allowed). */
    RungConfig ok(String yaml) {
        return result(yaml).config();
    }

    ConfigLoader.Result result(String yaml) {
        try {
            return ConfigLoader.parseWithWarnings(yaml, "rung.yaml", dir, env);
        } catch (ConfigException e) {
            throw new AssertionError("expected no problems but got:\n" + e.getMessage(), e);
        }
    }

    /** The warning lines of a file that loads. */
    List<String> warnings(String yaml) {
        return result(yaml).warnings().stream().map(Problem::toString).toList();
    }

    /** The exception of a file that must fail. */
    ConfigException failure(String yaml) {
        try {
            ConfigLoader.Result r = ConfigLoader.parseWithWarnings(yaml, "rung.yaml", dir, env);
            throw new AssertionError("expected problems, but it loaded: " + r.config());
        } catch (ConfigException e) {
            return e;
        }
    }

    /** The error lines of a file that must fail, in file order. */
    List<String> problems(String yaml) {
        return failure(yaml).problems().stream().map(Problem::toString).toList();
    }

    /** Asserts that loading fails with exactly this one error line. */
    void failsWith(String yaml, String expectedLine) {
        Assertions.assertThat(problems(yaml)).containsExactly(expectedLine);
    }
}

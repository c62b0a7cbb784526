package io.rung.gateway.cli;

import io.rung.config.ConfigException;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Finds and loads the configuration the way every command does: {@code -c FILE}, else ./rung.yaml, else defaults. */
final class ConfigFiles {
    private ConfigFiles() {}

    static RungConfig loadOrDefault(@Nullable Path file) {
        Path chosen = file;
        if (chosen == null) {
            Path local = Path.of("rung.yaml");
            if (!Files.exists(local)) return RungConfig.defaults(Path.of("").toAbsolutePath());
            chosen = local;
        }
        return load(chosen);
    }

    static RungConfig load(Path file) {
        try {
            ConfigLoader.Result result = ConfigLoader.loadWithWarnings(file);
            result.warnings().forEach(System.err::println);
            return result.config();
        } catch (ConfigException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}

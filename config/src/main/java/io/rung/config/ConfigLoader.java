package io.rung.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code rung.yaml} into a {@link RungConfig}: every value keeps its line and column, {@code ${ENV}} is
 * substituted, defaults are applied, and every problem in the file is collected before failing.
 *
 * <pre>{@code
 * try {
 *     ConfigLoader.Result result = ConfigLoader.loadWithWarnings(Path.of("rung.yaml"));
 *     result.warnings().forEach(w -> System.err.println(w));       // "rung.yaml:40:21: warning: …"
 *     start(result.config());
 * } catch (ConfigException e) {
 *     System.err.println(e.getMessage());                          // problem lines + "2 problems in rung.yaml; …"
 *     System.exit(2);
 * }
 * }</pre>
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {}

    /**
     * A usable configuration and the warnings found in it (doubtful settings that do not stop the gateway).
     *
     * @param warnings in file order; each {@link Problem#warning()} is true
     */
    public record Result(RungConfig config, List<Problem> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /** Loads {@code file} with the process environment, logging each warning at WARN. */
    public static RungConfig load(Path file) throws ConfigException {
        Result result = loadWithWarnings(file, System.getenv());
        result.warnings().forEach(w -> LOG.warn("{}", w));
        return result.config();
    }

    /** Loads {@code file} with the process environment; the caller shows the warnings. */
    public static Result loadWithWarnings(Path file) throws ConfigException {
        return loadWithWarnings(file, System.getenv());
    }

    /**
     * Loads {@code file}. Relative paths in it resolve against the folder holding it; problems name the file as
     * given ({@code rung.yaml:9:13: …}). A missing or unreadable file is a problem at {@code FILE:1:1}.
     */
    public static Result loadWithWarnings(Path file, Map<String, String> env) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(source, Files.isSymbolicLink(file) ? "file not found (a broken link)" : "file not found");
        } catch (AccessDeniedException e) {
            throw fileProblem(source, "file is not readable (permission denied)");
        } catch (CharacterCodingException e) {
            throw fileProblem(source, "file is not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(source, Files.isDirectory(file) ? "is a folder, not a file" : "cannot read the file");
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path baseDir = absolute.getParent() != null ? absolute.getParent() : absolute;
        return parseWithWarnings(text, source, baseDir, env);
    }

    /** Parses YAML text as if read from {@code sourceName} in {@code baseDir}; warnings are dropped. */
    public static RungConfig parse(String text, String sourceName, Path baseDir, Map<String, String> env)
            throws ConfigException {
        return parseWithWarnings(text, sourceName, baseDir, env).config();
    }

    /**
     * Parses YAML text as if read from {@code sourceName} in {@code baseDir}.
     *
     * @param env the variables {@code ${NAME}} may refer to
     * @throws ConfigException with every problem, when there is at least one error
     */
    public static Result parseWithWarnings(String text, String sourceName, Path baseDir, Map<String, String> env)
            throws ConfigException {
        Problems problems = new Problems(sourceName);
        RungConfig config = RungBinder.bind(
                YamlReader.read(text, new EnvSubstitution(env), problems), new Binding(problems, baseDir));
        if (problems.hasErrors()) throw new ConfigException(sourceName, problems.all());
        return new Result(config, problems.warnings());
    }

    private static ConfigException fileProblem(String source, String message) {
        return new ConfigException(source, List.of(new Problem(source, 1, 1, "", message, false)));
    }
}

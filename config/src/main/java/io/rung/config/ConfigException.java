package io.rung.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * A configuration file that cannot be used: holds every problem found (never just the first). Its message is the
 * lines users see, warnings included, followed by a summary:
 *
 * <pre>
 * rung.yaml:9:13: broker.listeners[1].port: must be between 0 and 65535 (was 70000)
 * rung.yaml:31:10: bridges[0].url: scheme must be one of mqtt, mqtts, tcp, ssl (was 'http')
 * 2 problems in rung.yaml; gateway not started.
 * </pre>
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<Problem> problems;
    private final List<Problem> warnings;

    /**
     * @param source the file name as the user gave it
     * @param found errors and warnings in any order; at least one must be an error
     */
    public ConfigException(String source, List<Problem> found) {
        super(message(source, found));
        this.source = source;
        this.problems = found.stream()
                .filter(p -> !p.warning())
                .sorted(Problem.BY_LOCATION)
                .toList();
        this.warnings = found.stream()
                .filter(Problem::warning)
                .sorted(Problem.BY_LOCATION)
                .toList();
        if (problems.isEmpty()) throw new IllegalArgumentException("found must contain at least one error");
    }

    /** The file name as the user gave it, such as {@code rung.yaml}. */
    public String source() {
        return source;
    }

    /** The errors, in file order; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /** The warnings found alongside the errors, in file order. */
    public List<Problem> warnings() {
        return warnings;
    }

    private static String message(String source, List<Problem> found) {
        long errors = found.stream().filter(p -> !p.warning()).count();
        String summary = errors + (errors == 1 ? " problem" : " problems") + " in " + source + "; gateway not started.";
        return Stream.concat(found.stream().sorted(Problem.BY_LOCATION).map(Problem::toString), Stream.of(summary))
                .reduce((a, b) -> a + "\n" + b)
                .orElse(summary);
    }
}

package io.rung.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one file while it is bound, so that users see all of them at once. */
final class Problems {
    private final String source;
    private final List<Problem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void error(YamlNode at, String path, String message) {
        error(at.line(), at.column(), path, message);
    }

    void error(int line, int column, String path, String message) {
        add(new Problem(source, line, column, path, message, false));
    }

    void warn(YamlNode at, String path, String message) {
        add(new Problem(source, at.line(), at.column(), path, message, true));
    }

    /** The same problem found twice (a value read by two checks) is reported once. */
    private void add(Problem p) {
        if (!found.contains(p)) found.add(p);
    }

    boolean hasErrors() {
        return found.stream().anyMatch(p -> !p.warning());
    }

    /** Errors and warnings in file order. */
    List<Problem> all() {
        return found.stream().sorted(Problem.BY_LOCATION).toList();
    }

    List<Problem> warnings() {
        return all().stream().filter(Problem::warning).toList();
    }
}

package io.rung.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** MQTT topic and topic-filter rules as the config needs them; each check returns the rule a text breaks
 * (callers add the value, unless it was substituted). */
final class Topics {
    /** A point name, a device name, a bridge name: one topic level of safe characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private Topics() {}

    /** A topic filter as in SUBSCRIBE: {@code +} a whole level, {@code #} a whole last level. */
    static Optional<String> filterProblem(String filter) {
        if (filter.isEmpty()) return Optional.of("must not be empty");
        if (filter.indexOf('\0') >= 0) return Optional.of("must not contain the NUL character");
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level");
            }
        }
        return Optional.empty();
    }

    /** A topic name as in PUBLISH: no wildcards. */
    static Optional<String> nameProblem(String topic) {
        if (topic.isEmpty()) return Optional.of("must not be empty");
        if (topic.indexOf('\0') >= 0) return Optional.of("must not contain the NUL character");
        if (topic.contains("+") || topic.contains("#")) {
            return Optional.of("must not contain the wildcards '+' or '#'");
        }
        return Optional.empty();
    }

    /** A device topic: a topic name that does not start with {@code $} and has no empty level. */
    static Optional<String> deviceTopicProblem(String topic) {
        Optional<String> name = nameProblem(topic);
        if (name.isPresent()) return name;
        if (topic.startsWith("$")) return Optional.of("must not start with '$'");
        if (topic.startsWith("/") || topic.endsWith("/") || topic.contains("//")) {
            return Optional.of("must not start or end with '/' or have empty levels");
        }
        return Optional.empty();
    }

    /** True when {@code a} equals {@code b} or lies under it ({@code b/…}). */
    static boolean sameOrUnder(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/");
    }
}

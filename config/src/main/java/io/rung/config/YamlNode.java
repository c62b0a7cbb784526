package io.rung.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A YAML value with its 1-based position in the file. Scalars keep their literal text (nothing is guessed as a
 * number, boolean or octal) after {@code ${ENV}} substitution; mapping keys are never substituted.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
    int line();

    int column();

    /** What the value is, for messages such as "must be a list (was a mapping)". */
    String kind();

    /**
     * A single value.
     *
     * @param raw the text as written, before substitution: the only form messages may show when substituted
     * @param empty {@code key:}, {@code key: ~} or {@code key: null} written as such, or a substitution that gave ""
     * @param failed substitution failed and was reported: readers treat the value as set but say nothing more
     */
    record Scalar(String text, String raw, boolean substituted, boolean empty, boolean failed, int line, int column)
            implements YamlNode {
        private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

        @Override
        public String kind() {
            return "a single value";
        }

        /** {@code (was 70000)}, {@code (was 'yes')}, or for a substituted value {@code (from '${PORT}', value not shown)}. */
        String was() {
            if (substituted) return "(from '" + raw + "', value not shown)";
            return "(was " + shown() + ")";
        }

        /** The value as messages may show it: bare when it is a number, quoted otherwise; never a substituted value. */
        String shown() {
            if (substituted) return "'" + raw + "'";
            return NUMBER.matcher(text).matches() ? text : "'" + text + "'";
        }
    }

    /** A mapping, keys in file order; merge keys ({@code <<: *defaults}) are already applied. */
    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key and its value. */
    record Entry(Scalar key, YamlNode value) {}

    /** A list. */
    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}

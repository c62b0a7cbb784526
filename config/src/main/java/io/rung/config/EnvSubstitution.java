package io.rung.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces <code>${NAME}</code> and <code>${NAME:-default}</code> inside one scalar value by environment
 * variables. <code>$${</code> stands for a literal <code>${</code>. The default is used when the variable is unset
 * or empty; it runs to the first closing brace (no nesting). Errors name the variable, never its value.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The outcome for one scalar: the new text, or the reason it could not be substituted. */
    sealed interface Outcome {
        /** @param substituted true when at least one variable (or default) was put in */
        record Replaced(String text, boolean substituted) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    Outcome apply(String text) {
        if (!text.contains("${")) return new Outcome.Replaced(text, false);
        StringBuilder out = new StringBuilder();
        boolean substituted = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                return new Outcome.Failed("'${' without a closing '}' (write $${ for a literal '${')");
            }
            String inner = text.substring(i + 2, close);
            int sep = inner.indexOf(":-");
            String name = sep < 0 ? inner : inner.substring(0, sep);
            if (!NAME.matcher(name).matches()) {
                return new Outcome.Failed("'${" + name + "}' is not a variable name (letters, digits and _ only)");
            }
            String value = env.get(name);
            if (sep >= 0 && (value == null || value.isEmpty())) {
                value = inner.substring(sep + 2);
            }
            if (value == null) {
                return new Outcome.Failed("environment variable " + name + " is not set (write ${" + name
                        + ":-default} to give a default)");
            }
            out.append(value);
            substituted = true;
            i = close + 1;
        }
        return new Outcome.Replaced(out.toString(), substituted);
    }
}

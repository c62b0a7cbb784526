package io.rung.broker.auth;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ACL rule's topic, split into levels once, matched against topics and subscription filters without allocating.
 * Levels are literal text, {@code +}, a final {@code #}, or text with {@code %u} (user) and {@code %c} (client id).
 * A substituted value must be non-empty and contain none of {@code /}, {@code +}, {@code #}, else the level never
 * matches; {@code %u} never matches an identity without a user. Topics starting with {@code $} match only patterns
 * starting with {@code $}.
 */
final class TopicPattern {
    private static final int LITERAL = 0;
    private static final int SINGLE = 1;
    private static final int MULTI = 2;
    private static final int TEMPLATE = 3;

    private final String text;
    private final int[] kinds;
    private final @Nullable String[] literals; // LITERAL levels
    private final @Nullable Template[] templates; // TEMPLATE levels
    private final boolean dollar;

    /** A level with variables: literal pieces around them, {@code pieces.length == vars.length + 1}. */
    private record Template(String[] pieces, boolean[] isUser) {}

    /** @throws IllegalArgumentException when {@code text} is not a valid topic filter */
    TopicPattern(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("must not be empty");
        String[] levels = text.split("/", -1);
        this.text = text;
        this.kinds = new int[levels.length];
        this.literals = new String[levels.length];
        this.templates = new Template[levels.length];
        this.dollar = text.startsWith("$");
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                if (i != levels.length - 1)
                    throw new IllegalArgumentException("'#' must be the last level (was '" + text + "')");
                kinds[i] = MULTI;
            } else if (level.equals("+")) {
                kinds[i] = SINGLE;
            } else if (level.indexOf('#') >= 0 || level.indexOf('+') >= 0) {
                throw new IllegalArgumentException("'+' and '#' must fill a whole level (was '" + text + "')");
            } else if (level.contains("%u") || level.contains("%c")) {
                kinds[i] = TEMPLATE;
                templates[i] = template(level);
            } else {
                kinds[i] = LITERAL;
                literals[i] = level;
            }
        }
    }

    private static Template template(String level) {
        List<String> pieces = new ArrayList<>();
        List<Boolean> vars = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < level.length(); i++) {
            char c = level.charAt(i);
            char next = level.charAt(i + 1);
            if (c == '%' && (next == 'u' || next == 'c')) {
                pieces.add(level.substring(start, i));
                vars.add(next == 'u');
                start = i + 2;
                i++;
            }
        }
        pieces.add(level.substring(start));
        boolean[] isUser = new boolean[vars.size()];
        for (int i = 0; i < isUser.length; i++) isUser[i] = vars.get(i);
        return new Template(pieces.toArray(String[]::new), isUser);
    }

    /**
     * True when {@code topic} (a topic name, or a filter whose wildcards must meet the same wildcard or a {@code #}
     * here) lies within this pattern for a client with this user and client id.
     */
    boolean matches(String topic, @Nullable String user, String clientId) {
        int n = topic.length();
        if (n > 0 && topic.charAt(0) == '$' && !dollar) return false;
        int pos = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == MULTI) return true; // also the parent level: "a/#" covers "a"
            if (pos > n) return false; // the topic has fewer levels
            int end = topic.indexOf('/', pos);
            if (end < 0) end = n;
            boolean ok = switch (kinds[i]) {
                case SINGLE -> !(end - pos == 1 && topic.charAt(pos) == '#');
                case LITERAL -> region(topic, pos, end, literals[i]);
                default -> template(topic, pos, end, templates[i], user, clientId);
            };
            if (!ok) return false;
            pos = end + 1;
        }
        return pos > n;
    }

    private static boolean region(String topic, int start, int end, @Nullable String literal) {
        return literal != null && end - start == literal.length() && topic.startsWith(literal, start);
    }

    private static boolean template(
            String topic, int start, int end, @Nullable Template t, @Nullable String user, String clientId) {
        if (t == null) return false;
        int pos = start;
        String[] pieces = t.pieces();
        for (int k = 0; k < pieces.length; k++) {
            String piece = pieces[k];
            if (end - pos < piece.length() || !topic.startsWith(piece, pos)) return false;
            pos += piece.length();
            if (k == t.isUser().length) break;
            String value = t.isUser()[k] ? user : clientId;
            if (value == null || !substitutable(value) || end - pos < value.length() || !topic.startsWith(value, pos)) {
                return false;
            }
            pos += value.length();
        }
        return pos == end;
    }

    private static boolean substitutable(String value) {
        if (value.isEmpty()) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '+' || c == '#') return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}

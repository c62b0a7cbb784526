package io.rung.broker.topic;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A validated subscription filter; for {@code $share/group/filter} the share group and the inner filter.
 *
 * @param raw the filter as the client sent it
 * @param filter the filter matched against topics (without {@code $share/group/})
 * @param shareGroup the share group name, empty for ordinary subscriptions
 */
public record TopicFilter(String raw, String filter, Optional<String> shareGroup) {
    private static final String SHARE_PREFIX = "$share/";

    /** Parses and validates a filter (MQTT 5 §4.7.1, §4.8.2). */
    public static TopicFilter parse(String raw) throws InvalidTopicFilterException {
        if (raw.startsWith(SHARE_PREFIX)) {
            int slash = raw.indexOf('/', SHARE_PREFIX.length());
            // [MQTT-4.8.2-1] the share name is at least one character and has no '/', '+' or '#'
            if (slash < 0)
                throw new InvalidTopicFilterException(
                        "shared subscription '" + raw + "' has no filter after the share name");
            String group = raw.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty())
                throw new InvalidTopicFilterException("shared subscription '" + raw + "' has an empty share name");
            if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
                throw new InvalidTopicFilterException("share name '" + group + "' contains a wildcard");
            }
            String inner = raw.substring(slash + 1);
            String problem = problem(inner);
            if (problem != null) throw new InvalidTopicFilterException(problem);
            return new TopicFilter(raw, inner, Optional.of(group));
        }
        String problem = problem(raw);
        if (problem != null) throw new InvalidTopicFilterException(problem);
        return new TopicFilter(raw, raw, Optional.empty());
    }

    /** Returns why {@code filter} is not a valid topic filter, or {@code null} when it is. */
    public static @Nullable String problem(String filter) {
        if (filter.isEmpty()) return "topic filter is empty";
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                String level = filter.substring(levelStart, i);
                if (level.indexOf('#') >= 0) {
                    // [MQTT-4.7.1-1] '#' must be alone in its level and the last character of the filter
                    if (!level.equals("#") || i != filter.length()) {
                        return "topic filter '" + filter + "': '#' must be the last level and alone in it";
                    }
                }
                if (level.indexOf('+') >= 0 && !level.equals("+")) {
                    // [MQTT-4.7.1-2] '+' must occupy an entire level
                    return "topic filter '" + filter + "': '+' must be alone in its level";
                }
                levelStart = i + 1;
            } else if (filter.charAt(i) == 0) {
                return "topic filter contains U+0000";
            }
        }
        return null;
    }

    public boolean isShared() {
        return shareGroup.isPresent();
    }

    public boolean hasWildcard() {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** True if {@code topic} matches this filter, with the {@code $} rule; for tests and single checks. */
    public boolean matches(String topic) {
        return matches(filter, topic);
    }

    /** Matches one filter against one topic name without building a tree. */
    public static boolean matches(String filter, String topic) {
        if (TopicName.isDollar(topic) && !filter.isEmpty() && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (true) {
            int fEnd = filter.indexOf('/', f);
            if (fEnd < 0) fEnd = filter.length();
            String level = filter.substring(f, fEnd);
            if (level.equals("#")) return true;
            if (t > topic.length()) return false;
            int tEnd = topic.indexOf('/', t);
            if (tEnd < 0) tEnd = topic.length();
            if (!level.equals("+") && !level.equals(topic.substring(t, tEnd))) return false;
            boolean filterDone = fEnd == filter.length();
            boolean topicDone = tEnd == topic.length();
            if (filterDone && topicDone) return true;
            if (filterDone) return false;
            if (topicDone) {
                // "a/#" matches "a": only a trailing '#' may consume the parent level [MQTT-4.7.1-2]
                return filter.substring(fEnd + 1).equals("#");
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }
}

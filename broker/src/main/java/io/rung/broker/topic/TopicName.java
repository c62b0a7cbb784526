package io.rung.broker.topic;

import org.jspecify.annotations.Nullable;

/** Rules for topic names in PUBLISH (MQTT 5 §4.7, MQTT 3.1.1 §4.7). */
public final class TopicName {
    private TopicName() {}

    /**
     * Returns why {@code topic} is not a valid topic name, or {@code null} when it is.
     * U+0000 and malformed UTF-8 are already refused by the decoder.
     */
    public static @Nullable String problem(String topic) {
        if (topic.isEmpty()) return "topic name is empty";
        // [MQTT-3.3.2-2] the topic name in a PUBLISH packet must not contain wildcard characters
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') return "topic name '" + topic + "' contains wildcard '" + c + "'";
            if (c == 0) return "topic name contains U+0000";
        }
        return null;
    }

    public static boolean isValid(String topic) {
        return problem(topic) == null;
    }

    /** True for topics starting with {@code $}, which leading wildcards never match [MQTT-4.7.2-1]. */
    public static boolean isDollar(String topic) {
        return !topic.isEmpty() && topic.charAt(0) == '$';
    }

    /** True for {@code $SYS} and everything under it, which clients may not publish to. */
    public static boolean isSys(String topic) {
        return topic.equals("$SYS") || topic.startsWith("$SYS/");
    }
}

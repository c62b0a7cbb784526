package io.rung.broker.bridge;

import io.rung.broker.topic.TopicFilter;
import io.rung.config.BridgeConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Topic rewriting of one bridge: an {@code out} rule adds its {@code prefix} in front of the local topic; an
 * {@code in} rule removes its {@code strip} from the front of the remote topic. A message from the remote takes the
 * first {@code in} rule whose filter matches it.
 */
final class TopicRemap {
    private final List<BridgeConfig.Rule> in;

    TopicRemap(List<BridgeConfig.Rule> in) {
        this.in = List.copyOf(in);
    }

    static String out(BridgeConfig.Rule rule, String localTopic) {
        return rule.rewrite() + localTopic;
    }

    /** The local topic for a message from the remote, or null when no usable topic is left after stripping. */
    @Nullable
    String in(String remoteTopic) {
        for (BridgeConfig.Rule rule : in) {
            if (!TopicFilter.matches(rule.topic(), remoteTopic)) continue;
            if (!remoteTopic.startsWith(rule.rewrite())) return remoteTopic;
            String local = remoteTopic.substring(rule.rewrite().length());
            return local.isEmpty() ? null : local;
        }
        return remoteTopic;
    }

    /** True if a message on this remote topic would come back through an {@code in} rule (a possible loop). */
    boolean comesBack(String remoteTopic) {
        for (BridgeConfig.Rule rule : in) if (TopicFilter.matches(rule.topic(), remoteTopic)) return true;
        return false;
    }
}

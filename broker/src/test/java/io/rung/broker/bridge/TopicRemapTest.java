package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.BridgeConfig.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRemapTest {
    private final TopicRemap remap = new TopicRemap(List.of(
            new Rule("site-1/building-b/+/+/+/set", "site-1/", 1),
            new Rule("site-1/#", "site-1/", 1),
            new Rule("fleet/all/#", "other/", 1)));

    @Test
    void outRuleAddsItsPrefix() {
        assertThat(TopicRemap.out(new Rule("building-b/#", "site-1/", 1), "building-b/t"))
                .isEqualTo("site-1/building-b/t");
        assertThat(TopicRemap.out(new Rule("#", "", 1), "a/b")).isEqualTo("a/b");
    }

    @Test
    void inRuleRemovesItsStrip() {
        assertThat(remap.in("site-1/building-b/floor-5/pump/speed/set")).isEqualTo("building-b/floor-5/pump/speed/set");
    }

    @Test
    void topicWithoutTheStripPrefixIsKept() {
        assertThat(remap.in("fleet/all/reboot")).isEqualTo("fleet/all/reboot");
    }

    @Test
    void nothingLeftAfterStripIsDropped() {
        assertThat(remap.in("site-1/")).isNull();
    }

    @Test
    void comesBackOnlyForTopicsAnInRuleMatches() {
        assertThat(remap.comesBack("site-1/x")).isTrue();
        assertThat(remap.comesBack("site-2/x")).isFalse();
    }
}

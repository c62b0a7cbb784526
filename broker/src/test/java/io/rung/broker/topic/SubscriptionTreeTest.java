package io.rung.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionTreeTest {
    private final SubscriptionTree<String> tree = new SubscriptionTree<>();

    private void sub(String filter, String who) throws InvalidTopicFilterException {
        tree.subscribe(TopicFilter.parse(filter), who, SubscriptionOptions.qos(1));
    }

    private List<String> match(String topic) {
        List<String> out = new ArrayList<>();
        tree.match(topic, new SubscriptionTree.Visitor<>() {
            @Override
            public void subscription(String subscriber, SubscriptionOptions options) {
                out.add(subscriber);
            }

            @Override
            public void shared(SharedGroup<String> group) {
                SharedGroup.Member<String> m = group.pick(s -> true);
                if (m != null) out.add("shared:" + m.subscriber());
            }
        });
        return out;
    }

    @Test
    void exactAndWildcardFiltersMatch() throws Exception {
        sub("a/b/c", "exact");
        sub("a/+/c", "plus");
        sub("a/#", "hash");
        sub("#", "all");
        sub("a/b", "other");
        assertThat(match("a/b/c")).containsExactlyInAnyOrder("exact", "plus", "hash", "all");
    }

    @Test
    void multiLevelWildcardMatchesItsParentLevel() throws Exception {
        // [MQTT-4.7.1-2] "sport/tennis/#" also matches "sport/tennis"
        sub("sport/tennis/#", "s");
        assertThat(match("sport/tennis")).containsExactly("s");
        assertThat(match("sport")).isEmpty();
    }

    @Test
    void singleLevelWildcardMatchesEmptyLevels() throws Exception {
        sub("+/+", "two");
        sub("/+", "lead");
        assertThat(match("/finance")).containsExactlyInAnyOrder("two", "lead");
        assertThat(match("a/")).containsExactly("two");
        assertThat(match("a")).isEmpty();
    }

    @Test
    void leadingWildcardsDoNotMatchDollarTopics() throws Exception {
        // [MQTT-4.7.2-1]
        sub("#", "all");
        sub("+/broker/uptime", "plus");
        sub("$SYS/#", "sys");
        sub("$SYS/broker/+", "sysplus");
        assertThat(match("$SYS/broker/uptime")).containsExactlyInAnyOrder("sys", "sysplus");
    }

    @Test
    void resubscribingReplacesOptionsWithoutDuplicates() throws Exception {
        assertThat(tree.subscribe(TopicFilter.parse("a/b"), "x", SubscriptionOptions.qos(0)))
                .isTrue();
        assertThat(tree.subscribe(TopicFilter.parse("a/b"), "x", SubscriptionOptions.qos(2)))
                .isFalse();
        Map<String, Integer> qos = new HashMap<>();
        tree.match("a/b", new SubscriptionTree.Visitor<>() {
            @Override
            public void subscription(String subscriber, SubscriptionOptions options) {
                qos.merge(subscriber, options.qos(), (a, b) -> -1);
            }

            @Override
            public void shared(SharedGroup<String> group) {}
        });
        assertThat(qos).containsExactly(Map.entry("x", 2));
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void unsubscribePrunesEmptyNodes() throws Exception {
        sub("a/b/c/d", "x");
        sub("a/+/#", "y");
        int full = tree.nodeCount();
        assertThat(tree.unsubscribe(TopicFilter.parse("a/b/c/d"), "x")).isTrue();
        assertThat(tree.unsubscribe(TopicFilter.parse("a/b/c/d"), "x")).isFalse();
        assertThat(tree.nodeCount()).isLessThan(full);
        assertThat(tree.unsubscribe(TopicFilter.parse("a/+/#"), "y")).isTrue();
        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.size()).isZero();
    }

    @Test
    void sharedGroupsDeliverRoundRobinToOneMember() throws Exception {
        sub("$share/g/t/+", "m1");
        sub("$share/g/t/+", "m2");
        sub("$share/h/t/+", "n1");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) seen.addAll(match("t/x"));
        assertThat(seen)
                .filteredOn(s -> s.startsWith("shared:m"))
                .containsExactlyInAnyOrder("shared:m1", "shared:m2", "shared:m1", "shared:m2");
        assertThat(seen).filteredOn(s -> s.equals("shared:n1")).hasSize(4);
    }

    @Test
    void sharedGroupPrefersOnlineMembers() throws Exception {
        sub("$share/g/t", "offline");
        sub("$share/g/t", "online");
        List<String> picked = new ArrayList<>();
        tree.match("t", new SubscriptionTree.Visitor<>() {
            @Override
            public void subscription(String subscriber, SubscriptionOptions options) {}

            @Override
            public void shared(SharedGroup<String> group) {
                for (int i = 0; i < 3; i++)
                    picked.add(group.pick(s -> s.equals("online")).subscriber());
            }
        });
        assertThat(picked).containsOnly("online");
    }

    @Test
    void manyFiltersAreMatchedWithoutScanningAll() throws Exception {
        for (int i = 0; i < 20_000; i++) sub("site/" + i + "/+/value", "s" + i);
        sub("site/+/pump/#", "wild");
        assertThat(match("site/123/pump/value")).containsExactlyInAnyOrder("s123", "wild");
        assertThat(match("site/20001/pump/value")).containsExactly("wild");
        assertThat(tree.size()).isEqualTo(20_001);
    }
}

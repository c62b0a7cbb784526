package io.rung.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedTreeTest {
    private final RetainedTree<String> tree = new RetainedTree<>();

    private List<String> match(String filter) {
        List<String> out = new ArrayList<>();
        tree.match(filter, out::add);
        return out;
    }

    @Test
    void wildcardsFindRetainedTopicsButLeadingOnesSkipDollarTopics() {
        tree.put("a/b", "ab");
        tree.put("a", "a");
        tree.put("a/c/d", "acd");
        tree.put("$SYS/uptime", "sys");
        assertThat(match("#")).containsExactlyInAnyOrder("ab", "a", "acd");
        assertThat(match("a/#")).containsExactlyInAnyOrder("a", "ab", "acd");
        assertThat(match("a/+")).containsExactly("ab");
        assertThat(match("+/uptime")).isEmpty();
        assertThat(match("$SYS/#")).containsExactly("sys");
    }

    @Test
    void removingTheLastValuePrunesTheBranch() {
        tree.put("x/y/z", "v");
        tree.put("x/y/z", "w");
        assertThat(tree.size()).isEqualTo(1);
        assertThat(tree.remove("x/y/z", "v")).isNull();
        assertThat(tree.remove("x/y/z")).isEqualTo("w");
        assertThat(tree.get("x/y/z")).isNull();
        assertThat(match("#")).isEmpty();
        assertThat(tree.size()).isZero();
    }
}

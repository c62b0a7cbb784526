package io.rung.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {
    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/b", "a/+/c", "a/#", "+/+/#", "/", "a//b", "$SYS/#", "sport/tennis/+"})
    void acceptsValidFilters(String filter) throws Exception {
        assertThat(TopicFilter.parse(filter).filter()).isEqualTo(filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a#", "a/b#", "a+", "a/+b", "#/a", "$share/g", "$share//a", "$share/g+/a"})
    void refusesInvalidFilters(String filter) {
        // [MQTT-4.7.1-1], [MQTT-4.7.1-2], [MQTT-4.8.2-1]
        assertThatThrownBy(() -> TopicFilter.parse(filter)).isInstanceOf(InvalidTopicFilterException.class);
    }

    @Test
    void sharedSubscriptionSplitsGroupAndFilter() throws Exception {
        TopicFilter f = TopicFilter.parse("$share/workers/jobs/+");
        assertThat(f.shareGroup()).contains("workers");
        assertThat(f.filter()).isEqualTo("jobs/+");
        assertThat(f.raw()).isEqualTo("$share/workers/jobs/+");
    }

    @Test
    void singleMatchFollowsTheSameRulesAsTheTree() {
        assertThat(TopicFilter.matches("a/#", "a")).isTrue();
        assertThat(TopicFilter.matches("a/+", "a")).isFalse();
        assertThat(TopicFilter.matches("+/+", "/x")).isTrue();
        assertThat(TopicFilter.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicFilter.matches("$SYS/#", "$SYS/x")).isTrue();
        assertThat(TopicFilter.matches("a/b", "a/b/c")).isFalse();
    }

    @Test
    void topicNamesMayNotContainWildcards() {
        // [MQTT-3.3.2-2]
        assertThat(TopicName.problem("a/+")).contains("wildcard");
        assertThat(TopicName.problem("a/#")).contains("wildcard");
        assertThat(TopicName.problem("")).isEqualTo("topic name is empty");
        assertThat(TopicName.isValid("a/b c/ü")).isTrue();
        assertThat(TopicName.isSys("$SYS/broker")).isTrue();
        assertThat(TopicName.isSys("$SYSTEM")).isFalse();
    }
}

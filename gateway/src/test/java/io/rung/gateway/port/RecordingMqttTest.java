package io.rung.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingMqttTest {
    @Test
    void filterMatchingFollowsMqttWildcards() {
        assertThat(RecordingMqtt.matches("a/+/set", "a/speed/set")).isTrue();
        assertThat(RecordingMqtt.matches("a/+/set", "a/b/c/set")).isFalse();
        assertThat(RecordingMqtt.matches("a/#", "a/b/c")).isTrue();
        assertThat(RecordingMqtt.matches("a/+/set", "a/speed/set/result")).isFalse();
    }

    @Test
    void outboundQosOutsideZeroToTwoIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutboundMessage.retained("t", new byte[0], 3))
                .hasMessage("qos must be 0, 1 or 2, got 3");
    }
}

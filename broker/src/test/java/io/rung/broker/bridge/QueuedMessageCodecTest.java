package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueuedMessageCodecTest {
    @Test
    void everyForwardedPropertySurvivesTheDisk() throws IOException {
        MessageProperties p = new MessageProperties(
                true,
                OptionalLong.empty(),
                Optional.of("application/json"),
                Optional.of("replies/1"),
                Optional.of(new byte[] {1, 2, 3}),
                List.of(Map.entry("k", "v"), Map.entry("k", "w")),
                List.of(),
                0);
        Message m = new Message(
                "site-1/ünïcode/t", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), 2, true, p, Origin.broker());
        QueuedMessage back = QueuedMessageCodec.decode(7, QueuedMessageCodec.encode(new QueuedMessage(7, m, 1234)));

        assertThat(back.seq()).isEqualTo(7);
        assertThat(back.expiresAtEpochMillis()).isEqualTo(1234);
        Message b = back.message();
        assertThat(b.topic()).isEqualTo("site-1/ünïcode/t");
        assertThat(b.payload()).isEqualTo(m.payload());
        assertThat(b.qos()).isEqualTo(2);
        assertThat(b.retain()).isTrue();
        assertThat(b.properties().payloadFormatUtf8()).isTrue();
        assertThat(b.properties().contentType()).contains("application/json");
        assertThat(b.properties().responseTopic()).contains("replies/1");
        assertThat(b.properties().correlationData().orElseThrow()).containsExactly(1, 2, 3);
        assertThat(b.properties().userProperties()).containsExactly(Map.entry("k", "v"), Map.entry("k", "w"));
    }

    @Test
    void plainMessageRoundTrips() throws IOException {
        Message m = Message.of("a", new byte[0], 0, false, Origin.broker());
        Message b = QueuedMessageCodec.decode(1, QueuedMessageCodec.encode(new QueuedMessage(1, m, 0)))
                .message();
        assertThat(b.topic()).isEqualTo("a");
        assertThat(b.payload()).isEmpty();
        assertThat(b.properties().isEmpty()).isTrue();
    }

    @Test
    void truncatedDataIsReportedNotMisread() {
        byte[] data = QueuedMessageCodec.encode(
                new QueuedMessage(1, Message.of("topic", new byte[100], 1, false, Origin.broker()), 0));
        byte[] cut = java.util.Arrays.copyOf(data, data.length - 10);
        assertThatThrownBy(() -> QueuedMessageCodec.decode(1, cut))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt queued message");
    }
}

package io.rung.gateway.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.gateway.port.OutboundMessage;
import io.rung.gateway.port.RecordingMqtt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedTopicsTest {
    @TempDir
    Path dir;

    private final RecordingMqtt mqtt = new RecordingMqtt();

    @Test
    void topicsNoLongerMappedAreClearedAtStart() throws IOException {
        Path file = dir.resolve("data/gateway-retained.txt");
        RetainedTopics first = new RetainedTopics(file);
        first.clearUnmapped(Set.of(), mqtt);
        first.published("plant/plc-1/speed");
        first.published("plant/plc-1/old-point");
        first.published("plant/plc-1/$status");

        RetainedTopics second = new RetainedTopics(file);
        assertThat(second.clearUnmapped(Set.of("plant/plc-1/speed", "plant/plc-1/$status", "plant/plc-1/new"), mqtt))
                .containsExactly("plant/plc-1/old-point");

        assertThat(mqtt.published).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo("plant/plc-1/old-point");
            assertThat(m.payload()).isEmpty();
            assertThat(m.retain()).isTrue();
        });
        assertThat(second.topics()).containsExactlyInAnyOrder("plant/plc-1/speed", "plant/plc-1/$status");
        assertThat(Files.readAllLines(file)).contains("plant/plc-1/speed").doesNotContain("plant/plc-1/old-point");
    }

    @Test
    void aMissingFileClearsNothing() throws IOException {
        RetainedTopics topics = new RetainedTopics(dir.resolve("none.txt"));
        assertThat(topics.clearUnmapped(Set.of("a/b"), mqtt)).isEmpty();
        assertThat(mqtt.published).isEmpty();
    }

    @Test
    void aTopicIsSavedOnlyWhenItIsNew() throws IOException {
        Path file = dir.resolve("retained.txt");
        RetainedTopics topics = new RetainedTopics(file);
        topics.published("a/b");
        long size = Files.size(file);
        topics.published("a/b");
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(mqtt.published).extracting(OutboundMessage::topic).isEmpty();
        assertThat(Files.readAllLines(file)).endsWith("a/b");
    }

    @Test
    void newTopicsAreAppendedToTheTopicsOfTheLastStart() throws IOException {
        Path file = dir.resolve("retained.txt");
        RetainedTopics first = new RetainedTopics(file);
        first.clearUnmapped(Set.of(), mqtt);
        first.published("a/1");
        RetainedTopics second = new RetainedTopics(file);
        second.clearUnmapped(Set.of("a/1"), mqtt);
        second.published("a/2");
        second.published("a/3");
        second.published("a/2");
        assertThat(Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")))
                .containsExactly("a/1", "a/2", "a/3");
        assertThat(new RetainedTopics(file).clearUnmapped(Set.of("a/3"), mqtt)).containsExactly("a/1", "a/2");
    }
}

package io.rung.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.gateway.northbound.RetainedTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first values of an OPC UA subscription with thousands of points do not rewrite the topic file per topic. */
class RetainedTopicsBurstTest {
    @TempDir Path dir;

    @Test
    void aBurstOfNewTopicsIsWrittenOnceAndCompletedByFlush() throws IOException {
        Path file = dir.resolve("gateway-retained.txt");
        RetainedTopics retained = new RetainedTopics(file);
        retained.published("bench/d0/n0");
        assertThat(Files.readAllLines(file)).endsWith("bench/d0/n0");

        for (int i = 1; i < 10_000; i++) retained.published("bench/d0/n" + i);
        List<String> beforeFlush = Files.readAllLines(file);
        assertThat(beforeFlush.size()).isLessThan(10_001);

        retained.flush();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(10_001).endsWith("bench/d0/n9999");
        assertThat(retained.topics()).hasSize(10_000);
    }
}

package io.rung.gateway.northbound;

import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the gateway has published retained, remembered in a small text file in the data dir (one topic per
 * line), so that a topic no longer mapped after a config change is cleared at the next start instead of keeping a
 * stale value forever.
 *
 * <pre>{@code
 * RetainedTopics retained = new RetainedTopics(dataDir.resolve("gateway-retained.txt"));
 * retained.clearUnmapped(DeviceTopics.retained(config.devices()), mqtt);   // before the first poll
 * }</pre>
 */
public final class RetainedTopics {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedTopics.class);
    private static final String HEADER =
            "# topics Rung last published retained; cleared at start when no longer mapped";

    private final Path file;
    private final Set<String> topics = new LinkedHashSet<>();
    private boolean saveFailed;

    public RetainedTopics(Path file) {
        this.file = file;
    }

    /**
     * Reads the topics of the last run, clears (empty retained message, QoS 1) each one not in {@code mapped},
     * and saves the ones that remain.
     *
     * @return the topics that were cleared
     * @throws IOException when the file exists but cannot be read, or cannot be written
     */
    public synchronized List<String> clearUnmapped(Set<String> mapped, MqttPort mqtt) throws IOException {
        List<String> cleared = new ArrayList<>();
        for (String topic : read()) {
            if (mapped.contains(topic)) {
                topics.add(topic);
            } else {
                mqtt.publish(OutboundMessage.clearRetained(topic, 1));
                cleared.add(topic);
            }
        }
        if (!cleared.isEmpty()) {
            LOG.info("Cleared {} retained topics no longer mapped, such as '{}'.", cleared.size(), cleared.get(0));
        }
        save();
        return cleared;
    }

    /**
     * Remembers a topic the gateway has just published retained; a new topic is appended to the file (rewriting it
     * each time made the first poll of 10,000 points write some 50 million lines, holding every device up).
     */
    public synchronized void published(String topic) {
        if (!topics.add(topic)) return;
        try {
            append(topic);
            saveFailed = false;
        } catch (IOException e) {
            // Publishing goes on; the only loss is that this topic may not be cleared after a later config change.
            if (!saveFailed) LOG.warn("Cannot save retained topics to {}: {}", file, e.getMessage());
            saveFailed = true;
        }
    }

    /** The topics remembered now. */
    public synchronized Set<String> topics() {
        return Set.copyOf(topics);
    }

    private List<String> read() throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private void append(String topic) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(
                file,
                topic + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void save() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> lines = new ArrayList<>(topics.size() + 1);
        lines.add(HEADER);
        lines.addAll(topics);
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

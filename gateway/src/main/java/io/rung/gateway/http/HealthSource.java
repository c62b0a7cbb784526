package io.rung.gateway.http;

import java.util.List;

/**
 * Something whose state {@code /health} reports: the broker, later each bridge. A source must answer at once (no
 * I/O) and must never put client ids, user names or topics into a {@link PartHealth}.
 *
 * <pre>{@code
 * gateway.health().add(() -> List.of(new PartHealth("bridge", "cloud", link.isUp(), config.required(),
 *         link.isUp() ? Optional.empty() : Optional.of("connection refused"))));
 * }</pre>
 */
@FunctionalInterface
public interface HealthSource {
    /** The current state of each part this source watches. */
    List<PartHealth> health();
}

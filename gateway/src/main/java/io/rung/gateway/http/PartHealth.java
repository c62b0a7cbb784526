package io.rung.gateway.http;

import java.util.Optional;

/**
 * The state of one part of the gateway for {@code /health} and {@code /api/v1/bridges}.
 *
 * @param kind {@code broker} or {@code bridge}
 * @param required when true and not up, {@code /health} answers 503
 * @param reason why it is not up, in plain words
 */
public record PartHealth(String kind, String name, boolean up, boolean required, Optional<String> reason) {
    public static PartHealth up(String kind, String name, boolean required) {
        return new PartHealth(kind, name, true, required, Optional.empty());
    }

    public static PartHealth down(String kind, String name, boolean required, String reason) {
        return new PartHealth(kind, name, false, required, Optional.of(reason));
    }
}

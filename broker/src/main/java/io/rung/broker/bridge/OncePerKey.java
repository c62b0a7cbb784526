package io.rung.broker.bridge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which keys (topics, filters) were already reported, so a refusal is logged once per topic and not for
 * every message; forgets everything after {@code limit} keys so memory stays bounded. Thread-safe.
 */
final class OncePerKey {
    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    OncePerKey(int limit) {
        this.limit = limit;
    }

    /** True the first time {@code key} is seen. */
    boolean first(String key) {
        if (seen.size() >= limit) seen.clear();
        return seen.add(key);
    }
}

package io.rung.config;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML mapping being bound to a record: knows its path and its allowed keys, reports unknown keys (with a
 * "did you mean" hint) as soon as it is made, and reads each key as the type the record expects. An absent or
 * empty mapping ({@code broker:}) reads as one without keys.
 */
final class MapReader {
    private final Binding binding;
    private final String path;
    private final YamlNode at;
    private final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    /** Keys suggested for misspelt ones: not reported missing again, as one typo is one problem. */
    private final Set<String> suggested = new HashSet<>();

    private MapReader(Binding binding, String path, YamlNode at) {
        this.binding = binding;
        this.path = path;
        this.at = at;
    }

    /** Reads {@code node} as a mapping with the given keys; a node of another kind is reported and reads as empty. */
    static MapReader of(Binding binding, String path, YamlNode node, Set<String> keys) {
        MapReader reader = new MapReader(binding, path, node);
        if (node instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry e : mapping.entries()) {
                String key = e.key().text();
                if (keys.contains(key)) {
                    reader.entries.put(key, e);
                } else {
                    Optional<String> hint = DidYouMean.closest(key, keys);
                    hint.ifPresent(reader.suggested::add);
                    binding.problems()
                            .error(
                                    e.key(),
                                    path,
                                    "unknown key '" + key + "'"
                                            + hint.map(h -> " (did you mean '" + h + "'?)")
                                                    .orElse(""));
                }
            }
        } else if (!(node instanceof YamlNode.Scalar s && s.empty())) {
            binding.problems().error(node, path, "must be a mapping of keys to values (was " + node.kind() + ")");
        }
        return reader;
    }

    Binding binding() {
        return binding;
    }

    Problems problems() {
        return binding.problems();
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The node of {@code key}, or this mapping when the key is absent: where a problem about the key points. */
    YamlNode node(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? at : e.value();
    }

    /** The key itself, for problems such as "not both". */
    YamlNode keyNode(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? at : e.key();
    }

    void error(String message) {
        problems().error(at, path, message);
    }

    void error(String key, String message) {
        problems().error(node(key), path(key), message);
    }

    void warn(String key, String message) {
        problems().warn(node(key), path(key), message);
    }

    /**
     * The scalar of {@code key}. Empty when the key is absent or its value came out empty from a substitution
     * ({@code ${PW:-}}); a written-out empty value, a list or a mapping is reported.
     */
    Optional<ScalarValue> value(String key) {
        YamlNode.Entry e = entries.get(key);
        if (e == null) return Optional.empty();
        if (!(e.value() instanceof YamlNode.Scalar s)) {
            error(key, "must be a single value (was " + e.value().kind() + ")");
            return Optional.empty();
        }
        if (s.failed() || (s.empty() && s.substituted())) return Optional.empty();
        if (s.empty()) {
            error(key, "has no value (leave the key out to use the default)");
            return Optional.empty();
        }
        return Optional.of(new ScalarValue(s, path(key), problems()));
    }

    /** Like {@link #value(String)}, but reports the key missing. */
    Optional<ScalarValue> required(String key) {
        YamlNode.Entry e = entries.get(key);
        if (e == null) {
            if (!suggested.contains(key)) error("missing key '" + key + "'");
            return Optional.empty();
        }
        if (e.value() instanceof YamlNode.Scalar s && s.empty() && s.substituted() && !s.failed()) {
            error(key, "has no value " + s.was());
            return Optional.empty();
        }
        return value(key);
    }

    Optional<String> text(String key) {
        return value(key).map(ScalarValue::text);
    }

    String text(String key, String defaultValue) {
        return text(key).orElse(defaultValue);
    }

    Optional<Long> integer(String key, long min, long max) {
        return value(key).flatMap(v -> v.integer(min, max));
    }

    int integer(String key, int min, int max, int defaultValue) {
        return integer(key, min, max).map(Long::intValue).orElse(defaultValue);
    }

    boolean bool(String key, boolean defaultValue) {
        return value(key).flatMap(ScalarValue::bool).orElse(defaultValue);
    }

    Optional<BigDecimal> decimal(String key) {
        return value(key).flatMap(ScalarValue::decimal);
    }

    Optional<Duration> duration(String key) {
        return value(key).flatMap(ScalarValue::duration);
    }

    /** A duration; {@code positive} refuses zero. */
    Duration duration(String key, Duration defaultValue, boolean positive) {
        Optional<ScalarValue> v = value(key);
        Optional<Duration> d = v.flatMap(ScalarValue::duration);
        if (positive && d.isPresent() && d.get().isZero()) {
            v.get().error("must be longer than 0 " + v.get().scalar().was());
            return defaultValue;
        }
        return d.orElse(defaultValue);
    }

    <E> Optional<E> choice(String key, Map<String, E> names) {
        return value(key).flatMap(v -> v.choice(names));
    }

    <E> E choice(String key, Map<String, E> names, E defaultValue) {
        return choice(key, names).orElse(defaultValue);
    }

    /** A password or key password: never parsed, never shown. */
    Optional<Secret> secret(String key) {
        return value(key).map(v -> new Secret(v.text()));
    }

    /** A path, resolved against the folder holding the config file. */
    Optional<Path> file(String key, boolean mustBeReadableFile) {
        Optional<ScalarValue> v = value(key);
        if (v.isEmpty()) return Optional.empty();
        Path resolved;
        try {
            resolved = binding.baseDir().resolve(v.get().text()).normalize();
        } catch (InvalidPathException e) {
            v.get().error("is not a valid path " + v.get().scalar().was());
            return Optional.empty();
        }
        if (mustBeReadableFile) {
            String where = v.get().scalar().substituted() ? v.get().scalar().was() : "(looked for " + resolved + ")";
            if (Files.isDirectory(resolved)) {
                v.get().error("is a folder, not a file " + where);
            } else if (!Files.exists(resolved)) {
                v.get().error("file not found " + where);
            } else if (!Files.isReadable(resolved)) {
                v.get().error("file is not readable " + where);
            }
        }
        return Optional.of(resolved);
    }

    /** A nested mapping; empty when the key is absent. */
    Optional<MapReader> section(String key, Set<String> keys) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(of(binding, path(key), e.value(), keys));
    }

    /** The items of a list of mappings; an absent key or an empty value is an empty list. */
    List<MapReader> list(String key, Set<String> keys) {
        YamlNode.Entry e = entries.get(key);
        if (e == null || (e.value() instanceof YamlNode.Scalar s && s.empty())) return List.of();
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            error(key, "must be a list (was " + e.value().kind() + ")");
            return List.of();
        }
        List<MapReader> items = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            items.add(of(binding, path(key) + "[" + items.size() + "]", item, keys));
        }
        return items;
    }
}

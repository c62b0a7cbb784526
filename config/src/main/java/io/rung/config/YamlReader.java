package io.rung.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text with SnakeYAML's node API ({@code compose}), so every value keeps its line and column, and turns
 * it into a {@link YamlNode} tree: {@code ${ENV}} substituted in scalar values, merge keys applied, duplicate keys
 * and syntax errors reported as problems.
 */
final class YamlReader {
    private final EnvSubstitution env;
    private final Problems problems;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(EnvSubstitution env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** The document's root, or empty for an empty document or when the YAML itself is broken (a problem says why). */
    static Optional<YamlNode> read(String text, EnvSubstitution env, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getContext());
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            problems.error(line, column, "", "yaml syntax error: " + plain(what));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.error(1, 1, "", "yaml syntax error: " + plain(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
        return root == null ? Optional.empty() : Optional.of(new YamlReader(env, problems).convert(root, ""));
    }

    /** SnakeYAML's wording, trimmed to one lower-case line without a trailing period. */
    private static String plain(String message) {
        String first = message.strip().lines().findFirst().orElse("").strip();
        if (first.endsWith(".")) first = first.substring(0, first.length() - 1);
        return first.isEmpty() ? first : first.substring(0, 1).toLowerCase(Locale.ROOT) + first.substring(1);
    }

    private YamlNode convert(Node node, String path) {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (!inProgress.add(node)) {
            problems.error(line, column, path, "an alias must not refer to a value that contains it");
            return new YamlNode.Scalar("", "", false, true, true, line, column);
        }
        try {
            if (node instanceof ScalarNode scalar) return scalar(scalar, path, line, column);
            if (node instanceof SequenceNode sequence) {
                List<YamlNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) items.add(convert(item, path + "[" + items.size() + "]"));
                return new YamlNode.Sequence(items, line, column);
            }
            return mapping((MappingNode) node, path, line, column);
        } finally {
            inProgress.remove(node);
        }
    }

    private YamlNode.Scalar scalar(ScalarNode node, String path, int line, int column) {
        String raw = node.getValue();
        if (node.isPlain() && node.getTag().equals(Tag.NULL)) {
            return new YamlNode.Scalar("", raw, false, true, false, line, column);
        }
        EnvSubstitution.Outcome outcome = env.apply(raw);
        if (outcome instanceof EnvSubstitution.Outcome.Replaced r) {
            return new YamlNode.Scalar(
                    r.text(), raw, r.substituted(), r.substituted() && r.text().isEmpty(), false, line, column);
        }
        problems.error(line, column, path, ((EnvSubstitution.Outcome.Failed) outcome).message());
        return new YamlNode.Scalar("", raw, true, true, true, line, column);
    }

    private YamlNode.Mapping mapping(MappingNode node, String path, int line, int column) {
        Map<String, YamlNode.Entry> own = new LinkedHashMap<>();
        Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark().getLine() + 1;
            int keyColumn = keyNode.getStartMark().getColumn() + 1;
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.error(
                        keyLine,
                        keyColumn,
                        path,
                        "keys must be plain words, not "
                                + convert(keyNode, path).kind());
                continue;
            }
            String key = keyScalar.getValue();
            if (keyScalar.isPlain() && keyScalar.getTag().equals(Tag.MERGE)) {
                merge(tuple.getValueNode(), path, merged);
                continue;
            }
            YamlNode.Scalar keyValue = new YamlNode.Scalar(key, key, false, false, false, keyLine, keyColumn);
            YamlNode value = convert(tuple.getValueNode(), path.isEmpty() ? key : path + "." + key);
            YamlNode.Entry first = own.get(key);
            if (first != null) {
                problems.error(
                        keyLine,
                        keyColumn,
                        path,
                        "duplicate key '" + key + "' (first set on line "
                                + first.key().line() + ")");
                continue;
            }
            own.put(key, new YamlNode.Entry(keyValue, value));
        }
        merged.forEach(own::putIfAbsent);
        return new YamlNode.Mapping(new ArrayList<>(own.values()), line, column);
    }

    /** {@code <<: *a} or {@code <<: [*a, *b]}: the first mapping that sets a key wins, own keys win over all. */
    private void merge(Node value, String path, Map<String, YamlNode.Entry> merged) {
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node source : sources) {
            YamlNode converted = convert(source, path);
            if (converted instanceof YamlNode.Mapping m) {
                for (YamlNode.Entry e : m.entries()) merged.putIfAbsent(e.key().text(), e);
            } else {
                problems.error(
                        converted.line(),
                        converted.column(),
                        path,
                        "'<<' merges mappings only (was " + converted.kind() + ")");
            }
        }
    }
}

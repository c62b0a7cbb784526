package io.rung.broker.topic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Retained messages by topic as a trie, so a SUBSCRIBE walks only the branches its filter can reach. Reads are
 * lock-free; writes take a lock.
 *
 * @param <V> the retained value
 */
public final class RetainedTree<V> {
    private static final class Node<V> {
        final ConcurrentHashMap<String, Node<V>> children = new ConcurrentHashMap<>(2);
        volatile @Nullable V value;
    }

    private final Node<V> root = new Node<>();
    private final Object lock = new Object();
    private final AtomicInteger count = new AtomicInteger();

    /** Stores {@code value} for {@code topic}, replacing any earlier one. */
    public void put(String topic, V value) {
        synchronized (lock) {
            Node<V> node = root;
            for (String level : topic.split("/", -1)) node = node.children.computeIfAbsent(level, l -> new Node<>());
            if (node.value == null) count.incrementAndGet();
            node.value = value;
        }
    }

    /** Removes the value of {@code topic}; returns it, or null if there was none. */
    public @Nullable V remove(String topic) {
        return remove(topic, null);
    }

    /** Removes the value of {@code topic} only if it is still {@code expected} (any value when null). */
    public @Nullable V remove(String topic, @Nullable V expected) {
        synchronized (lock) {
            Deque<Node<V>> path = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            Node<V> node = root;
            for (String level : topic.split("/", -1)) {
                path.push(node);
                names.push(level);
                node = node.children.get(level);
                if (node == null) return null;
            }
            V old = node.value;
            if (old == null || (expected != null && old != expected)) return null;
            node.value = null;
            count.decrementAndGet();
            while (!path.isEmpty() && node.value == null && node.children.isEmpty()) {
                Node<V> parent = path.pop();
                parent.children.remove(names.pop(), node);
                node = parent;
            }
            return old;
        }
    }

    public @Nullable V get(String topic) {
        Node<V> node = root;
        for (String level : topic.split("/", -1)) {
            node = node.children.get(level);
            if (node == null) return null;
        }
        return node.value;
    }

    public int size() {
        return count.get();
    }

    /** Calls {@code sink} with the value of every topic that {@code filter} matches (without a share prefix). */
    public void match(String filter, Consumer<V> sink) {
        match(root, filter.split("/", -1), 0, sink);
    }

    private static <V> void match(Node<V> node, String[] levels, int i, Consumer<V> sink) {
        if (i == levels.length) {
            V v = node.value;
            if (v != null) sink.accept(v);
            return;
        }
        String level = levels[i];
        if (level.equals("#")) {
            if (i > 0) {
                V v = node.value; // "a/#" also matches "a"
                if (v != null) sink.accept(v);
            }
            for (var e : node.children.entrySet()) {
                if (i == 0 && e.getKey().startsWith("$")) continue; // [MQTT-4.7.2-1]
                all(e.getValue(), sink);
            }
        } else if (level.equals("+")) {
            for (var e : node.children.entrySet()) {
                if (i == 0 && e.getKey().startsWith("$")) continue;
                match(e.getValue(), levels, i + 1, sink);
            }
        } else {
            Node<V> child = node.children.get(level);
            if (child != null) match(child, levels, i + 1, sink);
        }
    }

    private static <V> void all(Node<V> node, Consumer<V> sink) {
        V v = node.value;
        if (v != null) sink.accept(v);
        for (Node<V> c : node.children.values()) all(c, sink);
    }
}

package io.rung.broker.topic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All subscriptions of the broker as a trie over topic levels, so a PUBLISH visits only the nodes its topic can
 * reach, never every filter. Lookups are lock-free and run on any event loop; changes take a lock.
 *
 * <pre>{@code
 * tree.subscribe(TopicFilter.parse("a/+/c"), session, SubscriptionOptions.qos(1));
 * tree.match("a/b/c", visitor);   // visitor.subscription(session, options)
 * }</pre>
 *
 * @param <S> the subscriber; compared by identity
 */
public final class SubscriptionTree<S> {
    /** Receives the matches of one topic. */
    public interface Visitor<S> {
        void subscription(S subscriber, SubscriptionOptions options);

        void shared(SharedGroup<S> group);
    }

    private final TreeNode<S> root = new TreeNode<>();
    private final Object lock = new Object();
    private final AtomicInteger count = new AtomicInteger();

    /** Adds or replaces the subscription of {@code subscriber} to {@code filter}; true if it is new. */
    public boolean subscribe(TopicFilter filter, S subscriber, SubscriptionOptions options) {
        synchronized (lock) {
            TreeNode<S> node = root;
            for (String level : levels(filter.filter())) node = node.childForWrite(level);
            boolean added;
            if (filter.shareGroup().isPresent()) {
                added = node.groupForWrite(filter.shareGroup().get(), filter.filter())
                        .put(subscriber, options);
            } else {
                added = node.put(subscriber, options);
            }
            if (added) count.incrementAndGet();
            return added;
        }
    }

    /** Removes the subscription; true if there was one. Empty nodes are pruned. */
    public boolean unsubscribe(TopicFilter filter, S subscriber) {
        synchronized (lock) {
            Deque<TreeNode<S>> path = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            TreeNode<S> node = root;
            for (String level : levels(filter.filter())) {
                path.push(node);
                names.push(level);
                node = node.child(level);
                if (node == null) return false;
            }
            boolean removed;
            Optional<String> group = filter.shareGroup();
            if (group.isPresent()) {
                SharedGroup<S> g = node.group(group.get());
                removed = g != null && g.remove(subscriber);
                if (g != null && g.isEmpty()) node.removeGroup(g);
            } else {
                removed = node.remove(subscriber);
            }
            if (removed) count.decrementAndGet();
            while (!path.isEmpty() && node.isEmpty()) {
                TreeNode<S> parent = path.pop();
                parent.removeChild(names.pop(), node);
                node = parent;
            }
            return removed;
        }
    }

    /** Visits every subscription whose filter matches {@code topic}, and every shared group once. */
    public void match(String topic, Visitor<S> visitor) {
        match(root, topic, 0, TopicName.isDollar(topic), visitor);
    }

    /** Number of subscriptions, shared ones included. */
    public int size() {
        return count.get();
    }

    private static <S> void match(TreeNode<S> node, String topic, int start, boolean dollar, Visitor<S> visitor) {
        if (start > topic.length()) {
            node.visit(visitor);
            TreeNode<S> hash = node.hash;
            if (hash != null) hash.visit(visitor); // "a/#" matches "a" [MQTT-4.7.1-2]
            return;
        }
        int end = topic.indexOf('/', start);
        if (end < 0) end = topic.length();
        // [MQTT-4.7.2-1] a leading wildcard does not match a topic starting with '$'
        if (!(dollar && start == 0)) {
            TreeNode<S> hash = node.hash;
            if (hash != null) hash.visit(visitor);
            TreeNode<S> plus = node.plus;
            if (plus != null) match(plus, topic, end + 1, dollar, visitor);
        }
        ConcurrentHashMap<String, TreeNode<S>> children = node.children;
        if (children != null) {
            TreeNode<S> child = children.get(topic.substring(start, end));
            if (child != null) match(child, topic, end + 1, dollar, visitor);
        }
    }

    private static String[] levels(String filter) {
        return filter.split("/", -1);
    }

    /** For tests: the node count, to check that pruning works. */
    int nodeCount() {
        return root.countNodes();
    }
}

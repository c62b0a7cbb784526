package io.rung.broker.topic;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** One level of the {@link SubscriptionTree}; arrays are copied on write so readers need no lock. */
final class TreeNode<S> {
    @SuppressWarnings("rawtypes")
    private static final SharedGroup[] NO_GROUPS = new SharedGroup[0];

    volatile @Nullable ConcurrentHashMap<String, TreeNode<S>> children;
    volatile @Nullable TreeNode<S> plus;
    volatile @Nullable TreeNode<S> hash;
    private volatile Object[] subscribers = new Object[0];
    private volatile SubscriptionOptions[] options = new SubscriptionOptions[0];

    @SuppressWarnings("unchecked")
    private volatile SharedGroup<S>[] groups = NO_GROUPS;

    @Nullable
    TreeNode<S> child(String level) {
        if (level.equals("+")) return plus;
        if (level.equals("#")) return hash;
        ConcurrentHashMap<String, TreeNode<S>> map = children;
        return map == null ? null : map.get(level);
    }

    TreeNode<S> childForWrite(String level) {
        TreeNode<S> existing = child(level);
        if (existing != null) return existing;
        TreeNode<S> created = new TreeNode<>();
        if (level.equals("+")) {
            plus = created;
        } else if (level.equals("#")) {
            hash = created;
        } else {
            ConcurrentHashMap<String, TreeNode<S>> map = children;
            if (map == null) {
                map = new ConcurrentHashMap<>(4);
                children = map;
            }
            map.put(level, created);
        }
        return created;
    }

    void removeChild(String level, TreeNode<S> child) {
        if (level.equals("+")) {
            if (plus == child) plus = null;
        } else if (level.equals("#")) {
            if (hash == child) hash = null;
        } else {
            ConcurrentHashMap<String, TreeNode<S>> map = children;
            if (map != null) {
                map.remove(level, child);
                if (map.isEmpty()) children = null;
            }
        }
    }

    /** Adds or replaces; true if the subscriber was not here yet. Caller holds the tree's lock. */
    boolean put(S subscriber, SubscriptionOptions opts) {
        Object[] subs = subscribers;
        for (int i = 0; i < subs.length; i++) {
            if (subs[i] == subscriber) {
                SubscriptionOptions[] copy = options.clone();
                copy[i] = opts;
                options = copy;
                return false;
            }
        }
        Object[] newSubs = java.util.Arrays.copyOf(subs, subs.length + 1);
        SubscriptionOptions[] newOpts = java.util.Arrays.copyOf(options, subs.length + 1);
        newSubs[subs.length] = subscriber;
        newOpts[subs.length] = opts;
        // options first: a reader that sees the new subscriber array also sees a long enough options array
        options = newOpts;
        subscribers = newSubs;
        return true;
    }

    boolean remove(S subscriber) {
        Object[] subs = subscribers;
        for (int i = 0; i < subs.length; i++) {
            if (subs[i] == subscriber) {
                Object[] newSubs = new Object[subs.length - 1];
                SubscriptionOptions[] newOpts = new SubscriptionOptions[subs.length - 1];
                System.arraycopy(subs, 0, newSubs, 0, i);
                System.arraycopy(subs, i + 1, newSubs, i, subs.length - i - 1);
                SubscriptionOptions[] opts = options;
                System.arraycopy(opts, 0, newOpts, 0, i);
                System.arraycopy(opts, i + 1, newOpts, i, subs.length - i - 1);
                subscribers = newSubs;
                options = newOpts;
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    void visit(SubscriptionTree.Visitor<S> visitor) {
        Object[] subs = subscribers;
        SubscriptionOptions[] opts = options;
        int n = Math.min(subs.length, opts.length);
        for (int i = 0; i < n; i++) visitor.subscription((S) subs[i], opts[i]);
        for (SharedGroup<S> g : groups) visitor.shared(g);
    }

    @Nullable
    SharedGroup<S> group(String name) {
        for (SharedGroup<S> g : groups) if (g.name().equals(name)) return g;
        return null;
    }

    SharedGroup<S> groupForWrite(String name, String filter) {
        SharedGroup<S> g = group(name);
        if (g != null) return g;
        SharedGroup<S> created = new SharedGroup<>(name, filter);
        SharedGroup<S>[] copy = java.util.Arrays.copyOf(groups, groups.length + 1);
        copy[groups.length] = created;
        groups = copy;
        return created;
    }

    void removeGroup(SharedGroup<S> group) {
        SharedGroup<S>[] gs = groups;
        int n = 0;
        @SuppressWarnings({"unchecked", "rawtypes"})
        SharedGroup<S>[] copy = new SharedGroup[gs.length];
        for (SharedGroup<S> g : gs) if (g != group) copy[n++] = g;
        groups = java.util.Arrays.copyOf(copy, n);
    }

    boolean isEmpty() {
        ConcurrentHashMap<String, TreeNode<S>> map = children;
        return subscribers.length == 0
                && groups.length == 0
                && plus == null
                && hash == null
                && (map == null || map.isEmpty());
    }

    int countNodes() {
        int n = 1;
        ConcurrentHashMap<String, TreeNode<S>> map = children;
        if (map != null) for (TreeNode<S> c : map.values()) n += c.countNodes();
        TreeNode<S> p = plus;
        if (p != null) n += p.countNodes();
        TreeNode<S> h = hash;
        if (h != null) n += h.countNodes();
        return n;
    }
}

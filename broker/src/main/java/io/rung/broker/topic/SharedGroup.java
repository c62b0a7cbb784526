package io.rung.broker.topic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The members of one {@code $share/group/filter}; each message goes to one member, round-robin. */
public final class SharedGroup<S> {
    /** One member and its options. */
    public record Member<S>(S subscriber, SubscriptionOptions options) {}

    private final String name;
    private final String filter;
    private final AtomicInteger next = new AtomicInteger();
    private volatile Member<?>[] members = new Member<?>[0];

    SharedGroup(String name, String filter) {
        this.name = name;
        this.filter = filter;
    }

    public String name() {
        return name;
    }

    public String filter() {
        return filter;
    }

    /**
     * The next member in turn that {@code online} accepts; if none is online, the next member in turn (its
     * session queues the message). Null only for an empty group.
     */
    @SuppressWarnings("unchecked")
    public @Nullable Member<S> pick(Predicate<S> online) {
        Member<?>[] ms = members;
        if (ms.length == 0) return null;
        int start = Math.floorMod(next.getAndIncrement(), ms.length);
        for (int i = 0; i < ms.length; i++) {
            Member<S> m = (Member<S>) ms[(start + i) % ms.length];
            if (online.test(m.subscriber())) {
                if (i > 0) next.addAndGet(i); // keep the rotation fair when skipping offline members
                return m;
            }
        }
        return (Member<S>) ms[start];
    }

    boolean put(S subscriber, SubscriptionOptions options) {
        Member<?>[] ms = members;
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].subscriber() == subscriber) {
                Member<?>[] copy = ms.clone();
                copy[i] = new Member<>(subscriber, options);
                members = copy;
                return false;
            }
        }
        Member<?>[] copy = Arrays.copyOf(ms, ms.length + 1);
        copy[ms.length] = new Member<>(subscriber, options);
        members = copy;
        return true;
    }

    boolean remove(S subscriber) {
        Member<?>[] ms = members;
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].subscriber() == subscriber) {
                Member<?>[] copy = new Member<?>[ms.length - 1];
                System.arraycopy(ms, 0, copy, 0, i);
                System.arraycopy(ms, i + 1, copy, i, ms.length - i - 1);
                members = copy;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    public int size() {
        return members.length;
    }
}

package io.rung.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.BrokerStats;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Identity;
import io.rung.broker.store.memory.MemoryBrokerStore;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.broker.topic.SubscriptionTree;
import io.rung.broker.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The router's backpressure decisions (DESIGN "Backpressure"), with subscribers whose state the test sets. */
class RouterTest {
    /** A subscriber whose congestion the test sets. */
    private static final class Sub implements Subscriber {
        final String id;
        boolean congested;
        boolean draining;
        final List<Delivery> delivered = new ArrayList<>();
        final List<PausablePublisher> waiting = new ArrayList<>();
        final List<PausablePublisher> waitingQos0 = new ArrayList<>();

        Sub(String id) {
            this.id = id;
        }

        @Override
        public String clientId() {
            return id;
        }

        @Override
        public Identity identity() {
            return Identity.anonymous(id);
        }

        @Override
        public boolean online() {
            return true;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean congested() {
            return congested;
        }

        @Override
        public boolean draining() {
            return draining;
        }

        @Override
        public void deliver(Delivery d) {
            delivered.add(d);
        }

        @Override
        public void resumeWhenDrained(PausablePublisher p) {
            waiting.add(p);
        }

        @Override
        public void resumeWhenDrainedOrStalled(PausablePublisher p) {
            waitingQos0.add(p);
        }
    }

    /** Records what the router told it. */
    private static final class Pub implements PausablePublisher {
        int paused;
        int reached;
        int blocked;

        @Override
        public void pause() {
            paused++;
        }

        @Override
        public void resume() {}

        @Override
        public void reached() {
            reached++;
        }

        @Override
        public boolean blocked() {
            blocked++;
            return true;
        }
    }

    private final BrokerStats stats = new BrokerStats(() -> 0, () -> 0, () -> 0);
    private final MemoryBrokerStore store = new MemoryBrokerStore();
    private final Router router = new Router(
            new SubscriptionTree<>(),
            new RetainedMessages(store.retained()),
            Acl.allowAll(),
            store.sessions(),
            stats,
            0);

    private Sub subscribed(String id, String filter, int qos) throws Exception {
        Sub s = new Sub(id);
        router.subscriptions().subscribe(TopicFilter.parse(filter), s, SubscriptionOptions.qos(qos));
        return s;
    }

    private void publish(String publisherId, int qos, Pub publisher) {
        router.publish(
                Message.of("t/1", new byte[8], qos, false, new Origin(publisherId, Optional.empty())), publisher);
    }

    @Test
    void qos0MessageThatReachesNoOneBlocksItsPublisherUntilOneOfTheSubscribersDrains() throws Exception {
        Sub a = subscribed("a", "t/+", 0);
        Sub b = subscribed("b", "t/#", 0);
        a.congested = b.congested = a.draining = b.draining = true;
        Pub pub = new Pub();
        publish("p", 0, pub);
        assertThat(stats.messagesDropped()).isEqualTo(2);
        assertThat(pub.blocked).isEqualTo(1);
        assertThat(pub.reached).isZero();
        assertThat(a.waitingQos0).containsExactly(pub);
        assertThat(b.waitingQos0).containsExactly(pub);
        assertThat(a.delivered).isEmpty();
    }

    @Test
    void qos0MessageThatReachesOneSubscriberNeverBlocksItsPublisher() throws Exception {
        Sub stuck = subscribed("stuck", "t/+", 0);
        Sub fast = subscribed("fast", "t/#", 0);
        stuck.congested = stuck.draining = true;
        Pub pub = new Pub();
        publish("p", 0, pub);
        assertThat(fast.delivered).hasSize(1);
        assertThat(stats.messagesDropped()).isEqualTo(1);
        assertThat(pub.reached).isEqualTo(1);
        assertThat(pub.blocked + pub.paused).isZero();
        assertThat(stuck.waitingQos0).isEmpty();
    }

    @Test
    void stalledSubscriberOrThePublisherItselfNeverBlocksAQos0Publisher() throws Exception {
        Sub stalled = subscribed("stalled", "t/+", 0);
        Sub self = subscribed("p", "t/#", 0);
        stalled.congested = self.congested = true;
        self.draining = true; // the publisher's own session: it would wait for itself
        Pub pub = new Pub();
        publish("p", 0, pub);
        assertThat(stats.messagesDropped()).isEqualTo(2);
        assertThat(pub.blocked + pub.reached + pub.paused).isZero();
    }

    @Test
    void qos1ForACongestedSubscriberIsQueuedAndPausesThePublisher() throws Exception {
        Sub slow = subscribed("slow", "t/+", 1);
        slow.congested = true;
        Pub pub = new Pub();
        publish("p", 1, pub);
        assertThat(slow.delivered).hasSize(1);
        assertThat(pub.paused).isEqualTo(1);
        assertThat(slow.waiting).containsExactly(pub);
        assertThat(stats.messagesDropped()).isZero();
    }
}

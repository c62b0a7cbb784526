package io.rung.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.PausablePublisher;
import io.rung.broker.routing.Publication;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CongestionTest {
    /** Counts resumes; pause is the caller's business. */
    private static final class Publisher implements PausablePublisher {
        int resumed;

        @Override
        public void pause() {}

        @Override
        public void resume() {
            resumed++;
        }
    }

    private static Delivery delivery(int size) {
        Message m = Message.of("t", new byte[size], 0, false, new Origin("p", Optional.empty()));
        return new Delivery(new Publication(1, m), 0, false, Delivery.NO_IDS);
    }

    @Test
    void congestedQueueRefusesQos0AndHoldsItsPublishersUntilItDrains() {
        Congestion c = new Congestion(WaterMarks.messages(10, 2));
        Publisher qos0 = new Publisher();
        Publisher qos1 = new Publisher();
        c.congested(true);
        assertThat(c.acceptsQos0()).isFalse();
        assertThat(c.holdsQos0()).isTrue();
        c.waitForDrainOrStall(qos0);
        c.waitForDrain(qos1);
        assertThat(qos0.resumed + qos1.resumed).isZero();
        c.congested(false);
        assertThat(qos0.resumed).isEqualTo(1);
        assertThat(qos1.resumed).isEqualTo(1);
        assertThat(c.acceptsQos0()).isTrue();
    }

    @Test
    void stalledQueueReleasesQos0PublishersButKeepsQos1OnesWaiting() {
        Congestion c = new Congestion(WaterMarks.messages(10, 2));
        Publisher qos0 = new Publisher();
        Publisher qos1 = new Publisher();
        c.congested(true);
        c.waitForDrainOrStall(qos0);
        c.waitForDrain(qos1);
        c.stall();
        assertThat(qos0.resumed).isEqualTo(1);
        assertThat(qos1.resumed).isZero();
        assertThat(c.holdsQos0())
                .as("a stalled subscriber never makes a QoS 0 publisher wait")
                .isFalse();
        Publisher late = new Publisher();
        c.waitForDrainOrStall(late);
        assertThat(late.resumed).as("resumed at once").isEqualTo(1);
        c.progressed();
        assertThat(c.holdsQos0()).isTrue();
    }

    @Test
    void deliveriesInTransitCountTowardsTheHighMarksAndWaitersResumeAtTheLowMarks() {
        Congestion c = new Congestion(new WaterMarks(4, 1, 1_000, 100));
        long[] weights = new long[4];
        for (int i = 0; i < 4; i++) weights[i] = c.handedOver(delivery(10));
        assertThat(c.acceptsQos0())
                .as("4 messages in transit reach the high mark")
                .isFalse();
        assertThat(c.holdsQos0()).isTrue();
        Publisher p = new Publisher();
        c.waitForDrainOrStall(p);
        c.arrived(weights[0]);
        c.arrived(weights[1]);
        assertThat(p.resumed).as("2 still in transit, above the low mark").isZero();
        assertThat(c.acceptsQos0()).isTrue();
        c.arrived(weights[2]);
        assertThat(p.resumed).isEqualTo(1);
        c.arrived(weights[3]);
        assertThat(p.resumed).as("resumed once").isEqualTo(1);
    }

    @Test
    void bytesInTransitCountTowardsTheHighMark() {
        Congestion c = new Congestion(new WaterMarks(100, 10, 1_000, 100));
        long w = c.handedOver(delivery(999)); // 999 payload bytes + 1 topic byte
        assertThat(c.acceptsQos0()).isFalse();
        c.arrived(w);
        assertThat(c.acceptsQos0()).isTrue();
    }

    @Test
    void publisherThatRegistersAfterTheDrainIsResumedAtOnce() {
        Congestion c = new Congestion(WaterMarks.messages(10, 2));
        Publisher p = new Publisher();
        c.waitForDrain(p);
        c.waitForDrainOrStall(p);
        assertThat(p.resumed).isEqualTo(2);
    }
}

package io.rung.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InflightTest {
    private static Delivery delivery(int qos) {
        Message m = Message.of("t", new byte[0], qos, false, new Origin("p", java.util.Optional.empty()));
        return new Delivery(new Publication(1, m), qos, false, Delivery.NO_IDS);
    }

    @Test
    void packetIdsStartAtOneAndSkipIdsInUse() {
        // [MQTT-2.2.1-3] a new packet id must not be in use
        Inflight inflight = new Inflight();
        assertThat(inflight.add(delivery(1))).isEqualTo(1);
        assertThat(inflight.add(delivery(1))).isEqualTo(2);
        assertThat(inflight.complete(1, false)).isNotNull();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 65_533; i++) ids.add(inflight.add(delivery(1)));
        assertThat(ids).hasSize(65_533).doesNotContain(0, 2);
        assertThat(inflight.size()).isEqualTo(65_534);
        assertThat(inflight.add(delivery(1))).isEqualTo(1); // wrapped around, the only free id
    }

    @Test
    void pubAckCompletesOnlyQos1AndPubCompOnlyQos2() {
        Inflight inflight = new Inflight();
        int q1 = inflight.add(delivery(1));
        int q2 = inflight.add(delivery(2));
        assertThat(inflight.complete(q2, false)).isNull();
        assertThat(inflight.complete(q1, true)).isNull();
        assertThat(inflight.release(q2)).isNotNull();
        assertThat(inflight.entries()).filteredOn(Inflight.Entry::released).hasSize(1);
        assertThat(inflight.complete(q2, true)).isNotNull();
        assertThat(inflight.complete(q1, false)).isNotNull();
        assertThat(inflight.isEmpty()).isTrue();
    }

    @Test
    void unknownPacketIdsAreIgnored() {
        Inflight inflight = new Inflight();
        assertThat(inflight.complete(7, false)).isNull();
        assertThat(inflight.release(7)).isNull();
        assertThat(inflight.remove(7)).isNull();
    }

    @Test
    void entriesKeepSendOrderForRedelivery() {
        Inflight inflight = new Inflight();
        int a = inflight.add(delivery(1));
        int b = inflight.add(delivery(2));
        int c = inflight.add(delivery(1));
        assertThat(inflight.entries()).extracting(Inflight.Entry::packetId).containsExactly(a, b, c);
        inflight.release(b);
        inflight.complete(b, true);
        assertThat(inflight.entries()).extracting(Inflight.Entry::packetId).containsExactly(a, c);
    }
}

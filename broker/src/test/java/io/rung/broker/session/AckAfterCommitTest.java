package io.rung.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CONNACK of a new persistent session and SUBACK/UNSUBACK of a persistent session are sent only once the store has
 * committed the session record, as PUBACK waits for its message: a crash after the ack cannot lose what it
 * announced. Clean sessions write nothing and never wait.
 */
class AckAfterCommitTest {
    /** Long enough for an ack that does not wait to arrive on loopback. */
    private static final Duration NOT_BEFORE = Duration.ofMillis(300);

    private final GatedStore store = new GatedStore();

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.withDefaults().options(o -> o.withStore(config -> store));

    private static RawConnect persistent(Protocol p, String clientId) {
        RawConnect c = RawConnect.of(p, clientId).cleanStart(false);
        return p.isV5() ? c.props(Props.of().u32(Props.SESSION_EXPIRY, 3600)) : c;
    }

    private void awaitHeldWrite() {
        await().atMost(Duration.ofSeconds(5)).until(() -> store.heldWrites() > 0);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void connackOfANewPersistentSessionWaitsUntilItsRecordIsCommitted(Protocol p) {
        store.hold();
        try (RawClient c = RawClient.open(broker.port())) {
            c.send(persistent(p, "durable").build());
            awaitHeldWrite();
            c.assertNothingFor(NOT_BEFORE);
            store.release();
            Packet connAck = c.readType(RawPackets.CONNACK);
            assertThat(connAck.connAckCode()).isZero();
            assertThat(connAck.sessionPresent()).isFalse();
            assertThat(store.writes()).containsExactly("save durable []");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void subackAndUnsubackOfAPersistentSessionWaitUntilItsSubscriptionsAreCommitted(Protocol p) {
        try (RawClient c = RawClient.open(broker.port())) {
            c.connect(persistent(p, "durable"));
            store.hold();
            c.send(RawPackets.subscribe(p, 1, "plant/#", 1));
            awaitHeldWrite();
            c.assertNothingFor(NOT_BEFORE);
            store.release();
            assertThat(c.readType(RawPackets.SUBACK).packetId()).isEqualTo(1);
            store.hold();
            c.send(RawPackets.unsubscribe(p, 2, "plant/#"));
            awaitHeldWrite();
            c.assertNothingFor(NOT_BEFORE);
            store.release();
            assertThat(c.readType(RawPackets.UNSUBACK).packetId()).isEqualTo(2);
            assertThat(store.writes()).containsExactly("save durable []", "save durable [plant/#]", "save durable []");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void aCleanSessionIsAnsweredAtOnceAndWritesNothing(Protocol p) {
        store.hold();
        try (RawClient c = RawClient.open(broker.port())) {
            assertThat(c.connect(RawConnect.of(p, "clean").cleanStart(true)).connAckCode())
                    .isZero();
            c.send(RawPackets.subscribe(p, 1, "plant/#", 1));
            assertThat(c.readType(RawPackets.SUBACK).packetId()).isEqualTo(1);
            c.send(RawPackets.unsubscribe(p, 2, "plant/#"));
            assertThat(c.readType(RawPackets.UNSUBACK).packetId()).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.broker().stats().clientsTotal() == 0); // ended
        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> store.writes().isEmpty());
    }

    @Test
    void aPersistentSessionThatComesBackUnchangedIsAnsweredWithoutWaiting() {
        try (RawClient c = RawClient.open(broker.port())) {
            c.connect(persistent(Protocol.V5, "back"));
            c.send(RawPackets.disconnect());
            c.awaitClosed();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.writes().size() == 2); // connect, disconnect
        store.hold();
        try (RawClient c = RawClient.open(broker.port())) {
            // its record only loses the disconnect time, which the store's alive time covers after a crash
            assertThat(c.connect(persistent(Protocol.V5, "back")).sessionPresent())
                    .isTrue();
            assertThat(store.heldWrites()).isEqualTo(1);
        }
    }

    @Test
    void aPersistentSessionWhoseExpiryChangesWaitsForItsRecord() {
        try (RawClient c = RawClient.open(broker.port())) {
            c.connect(persistent(Protocol.V5, "changed"));
            c.send(RawPackets.disconnect());
            c.awaitClosed();
        }
        store.hold();
        try (RawClient c = RawClient.open(broker.port())) {
            c.send(RawConnect.of(Protocol.V5, "changed")
                    .cleanStart(false)
                    .props(Props.of().u32(Props.SESSION_EXPIRY, 60))
                    .build());
            awaitHeldWrite();
            c.assertNothingFor(NOT_BEFORE);
            store.release();
            assertThat(c.readType(RawPackets.CONNACK).sessionPresent()).isTrue();
        }
    }

    @Test
    void aWaitingConnectTakenOverIsClosedAndTheNewOneWaitsForTheRecordToo() {
        store.hold();
        try (RawClient first = RawClient.open(broker.port());
                RawClient second = RawClient.open(broker.port())) {
            first.send(persistent(Protocol.V5, "twice").build());
            awaitHeldWrite();
            second.send(persistent(Protocol.V5, "twice").build());
            // [MQTT-3.1.4-3] the existing connection is closed; it never had its CONNACK
            assertThat(first.awaitClosed()).isEmpty();
            second.assertNothingFor(NOT_BEFORE); // the first record may still be lost: the second waits as well
            store.release();
            Packet connAck = second.readType(RawPackets.CONNACK);
            assertThat(connAck.connAckCode()).isZero();
            assertThat(connAck.sessionPresent()).isTrue();
        }
    }
}

package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keep-alive: expiry after 1.5 times the interval, PINGREQ, and the maxKeepAlive limit (mosquitto's 01-keepalive). */
class KeepAliveIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults().limits(l -> l.withMaxKeepAlive(2));

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @DisplayName("[MQTT-3.1.2-24] a silent client is disconnected after 1.5 times its keep-alive, not before")
    void silentClientIsDisconnectedAfterOneAndAHalfKeepAlives(Protocol p) {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(p, "silent-" + p.level()).keepAlive(1))
                        .connAckCode())
                .isZero();
        long connected = System.nanoTime();
        raw.awaitClosed(Duration.ofSeconds(4));
        Duration silent = Duration.ofNanos(System.nanoTime() - connected);
        assertThat(silent).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2600));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void pingingClientStaysConnected(Protocol p) {
        TestClient c = broker.client(p, "pinger-" + p.level());
        c.connect(ClientOptions.clean().withKeepAlive(1));
        await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(3)).until(c::isConnected);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.1.2-8] a keep-alive timeout publishes the will")
    void keepAliveTimeoutPublishesWill(Protocol p) {
        String topic = "keepalive/will/" + p.level();
        TestClient watcher = broker.client(p, "ka-watch-" + p.level());
        watcher.connect(ClientOptions.clean().withKeepAlive(2));
        watcher.subscribe(topic, 1);
        RawClient raw = broker.raw();
        raw.connect(
                RawConnect.of(p, "ka-will-" + p.level()).keepAlive(1).will(topic, Wire.bytes("timed out"), 1, false));
        watcher.awaitMessage("timed out");
    }

    @Test
    @DisplayName("MQTT 5 §3.2.2.3.14: a keep-alive above maxKeepAlive is cut with Server Keep Alive and enforced")
    void mqtt5KeepAliveAboveMaximumIsCut() {
        RawClient raw = broker.raw();
        Packet connAck = raw.connect(RawConnect.of(Protocol.V5, "too-long-5").keepAlive(60));
        assertThat(connAck.connAckCode()).isZero();
        assertThat(connAck.connAckProps().get(Props.SERVER_KEEP_ALIVE)).containsExactly(2);
        long connected = System.nanoTime();
        raw.awaitClosed(Duration.ofSeconds(6));
        assertThat(Duration.ofNanos(System.nanoTime() - connected))
                .isBetween(Duration.ofMillis(2000), Duration.ofMillis(4500));
    }

    @Test
    void mqtt311KeepAliveAboveMaximumIsRefusedWithReturnCode2() {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(Protocol.V311, "too-long-4").keepAlive(60))
                        .connAckCode())
                .isEqualTo(2);
        assertThat(raw.isClosedByBroker(RawClient.DEFAULT_TIMEOUT)).isTrue();
    }

    @Test
    void mqtt311KeepAliveAtMaximumIsAccepted() {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(Protocol.V311, "at-max-4").keepAlive(2))
                        .connAckCode())
                .isZero();
    }
}

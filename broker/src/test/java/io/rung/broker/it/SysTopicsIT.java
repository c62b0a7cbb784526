package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mosquitto-compatible {@code $SYS/broker/...} statistics (mosquitto's 11-sys group). */
class SysTopicsIT {
    private static final List<String> CORE_TOPICS = List.of(
            "$SYS/broker/version",
            "$SYS/broker/uptime",
            "$SYS/broker/clients/connected",
            "$SYS/broker/messages/received",
            "$SYS/broker/messages/sent");

    @RegisterExtension
    static final BrokerExtension broker =
            BrokerExtension.withDefaults().configure(c -> c.withSysInterval(Duration.ofSeconds(1)));

    private static Optional<Long> latest(TestClient c, String topic) {
        List<Received> all =
                c.messages().stream().filter(m -> m.topic().equals(topic)).toList();
        if (all.isEmpty()) return Optional.empty();
        return Optional.of(Long.parseLong(all.get(all.size() - 1).text().trim().split(" ")[0]));
    }

    @Test
    void coreStatisticsArePublishedAndRetained() {
        TestClient sys = broker.connected(Protocol.V311, "sys-all");
        sys.subscribe("$SYS/#", 0);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(sys.messages()).extracting(Received::topic).containsAll(CORE_TOPICS));
        TestClient late = broker.connected(Protocol.V5, "sys-late");
        late.subscribe("$SYS/broker/version", 0);
        Received version = late.awaitMessages(1).get(0);
        assertThat(version.retain()).isTrue();
        assertThat(version.text()).isNotBlank();
    }

    @Test
    void connectedClientCountFollowsConnections() {
        TestClient sys = broker.connected(Protocol.V311, "sys-count");
        sys.subscribe("$SYS/broker/clients/connected", 0);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> latest(sys, "$SYS/broker/clients/connected").isPresent());
        long before = latest(sys, "$SYS/broker/clients/connected").orElseThrow();
        IntStream.range(0, 3).forEach(i -> broker.connected(Protocol.V311, "sys-extra-" + i));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> latest(sys, "$SYS/broker/clients/connected").orElseThrow() >= before + 3);
    }

    @Test
    void receivedMessageCountGrows() {
        TestClient sys = broker.connected(Protocol.V311, "sys-msgs");
        sys.subscribe("$SYS/broker/messages/received", 0);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> latest(sys, "$SYS/broker/messages/received").isPresent());
        long before = latest(sys, "$SYS/broker/messages/received").orElseThrow();
        TestClient pub = broker.connected(Protocol.V311, "sys-pub");
        for (int i = 0; i < 10; i++) pub.publish("sys/load", "m" + i, 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> latest(sys, "$SYS/broker/messages/received").orElseThrow() >= before + 10);
    }

    @Test
    void multiLevelWildcardDoesNotReceiveSysTopics() {
        TestClient everything = broker.connected(Protocol.V5, "sys-hash");
        everything.subscribe("#", 0);
        TestClient sys = broker.connected(Protocol.V5, "sys-uptime");
        sys.subscribe("$SYS/broker/uptime", 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> sys.messages().size() >= 3); // retained + 2 updates
        assertThat(everything.messages()).extracting(Received::topic).noneMatch(t -> t.startsWith("$"));
    }

    @Test
    void sysIntervalZeroPublishesNothing() throws Exception {
        try (BrokerExtension quiet = BrokerExtension.withDefaults()
                .configure(c -> c.withSysInterval(Duration.ZERO))
                .startStandalone()) {
            TestClient sys = quiet.connected(Protocol.V311, "sys-quiet");
            sys.subscribe("$SYS/#", 0);
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> sys.messages().isEmpty());
        }
    }
}

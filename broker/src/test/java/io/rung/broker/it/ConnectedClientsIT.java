package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.broker.BrokerStats;
import io.rung.broker.ConnectedClient;
import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.ClientOptions;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker's snapshot of connected clients (for {@code /api/v1/clients}) and its queue depths (for metrics). */
class ConnectedClientsIT {
    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.withDefaults();

    private List<ConnectedClient> clients() throws Exception {
        return broker.broker().connectedClients().get(5, TimeUnit.SECONDS);
    }

    @Test
    void connectedClientsListsEachNetworkClientWithVersionTransportAndSubscriptions() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        TestClient a = broker.connected(Protocol.V311, "list-a");
        a.subscribe("list/one", 1);
        a.subscribe("list/two/#", 0);
        broker.connected(Protocol.V5, "list-b");

        await().atMost(Duration.ofSeconds(5)).until(() -> clients().size() == 2);
        List<ConnectedClient> all = clients();
        assertThat(all).extracting(ConnectedClient::clientId).containsExactly("list-a", "list-b");
        ConnectedClient first = all.get(0);
        assertThat(first.protocolVersion()).isEqualTo("3.1.1");
        assertThat(first.transport()).isEqualTo("tcp");
        assertThat(first.listener()).isEqualTo("tcp:" + broker.port());
        assertThat(first.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(first.subscriptions()).isEqualTo(2);
        assertThat(first.user()).isEmpty();
        assertThat(first.connectedSince())
                .isAfter(before)
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(all.get(1).protocolVersion()).isEqualTo("5");
        assertThat(all.get(1).subscriptions()).isZero();
    }

    @Test
    void aDisconnectedClientLeavesTheList() throws Exception {
        TestClient gone = broker.connected(Protocol.V311, "list-gone");
        broker.connected(Protocol.V311, "list-stays");
        await().atMost(Duration.ofSeconds(5)).until(() -> clients().size() == 2);
        gone.disconnect();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(clients())
                        .extracting(ConnectedClient::clientId)
                        .containsExactly("list-stays"));
    }

    @Test
    void queueDepthsCountMessagesWaitingForAnOfflinePersistentSession() {
        TestClient offline = broker.client(Protocol.V311, "queue-offline");
        offline.connect(ClientOptions.persistent());
        offline.subscribe("queue/depth", 1);
        offline.disconnect();
        TestClient publisher = broker.connected(Protocol.V311, "queue-publisher");
        for (int i = 0; i < 5; i++) publisher.publish("queue/depth", "m" + i, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            BrokerStats.QueueDepths q = broker.broker().stats().queueDepths();
            assertThat(q.queued()).isEqualTo(5);
            assertThat(q.deepest()).isEqualTo(5);
            assertThat(q.sessions()).isEqualTo(2);
        });
        TestClient back = broker.client(Protocol.V311, "queue-offline");
        back.connect(ClientOptions.persistent());
        back.awaitMessages(5);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.broker().stats().queueDepths().queued() == 0);
    }
}

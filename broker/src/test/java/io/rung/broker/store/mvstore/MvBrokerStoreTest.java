package io.rung.broker.store.mvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.store.StoreException;
import io.rung.broker.store.StoredDelivery;
import io.rung.broker.store.StoredMessage;
import io.rung.broker.store.StoredSession;
import io.rung.broker.store.StoredSubscription;
import io.rung.broker.store.StoredWill;
import io.rung.broker.topic.SubscriptionOptions;
import io.rung.config.PersistenceConfig;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvBrokerStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(MvBrokerStore.FILE_NAME);
    }

    private static StoredMessage message(long id, String topic, String text) {
        MessageProperties props = MessageProperties.none()
                .withContentType(Optional.of("text/plain"))
                .withUserProperties(List.of(Map.entry("line", "1")))
                .withCorrelationData(Optional.of(new byte[] {1, 2}))
                .withMessageExpirySeconds(OptionalLong.of(3600));
        Message m = new Message(
                topic, text.getBytes(StandardCharsets.UTF_8), 1, false, props, new Origin("pub", Optional.of("alice")));
        return new StoredMessage(id, m, System.currentTimeMillis() + 3_600_000);
    }

    private static StoredSession session(String clientId, long disconnectedAt) {
        return new StoredSession(
                clientId,
                Optional.of("alice"),
                5,
                3600,
                disconnectedAt,
                List.of(
                        new StoredSubscription("plant/#", new SubscriptionOptions(1, true, false, 2, 7)),
                        new StoredSubscription("$share/g/a/+", SubscriptionOptions.qos(2))));
    }

    private static void join(CompletableFuture<?>... writes) {
        CompletableFuture.allOf(writes).join();
    }

    @Test
    void everythingWrittenIsReadBackAfterReopening() throws Exception {
        long now = System.currentTimeMillis();
        try (MvBrokerStore store = MvBrokerStore.open(new PersistenceConfig(dir, Fsync.BATCH))) {
            var s = store.sessions();
            join(
                    s.save(session("sub", now)),
                    s.add("sub", message(1, "plant/a", "one"), 1),
                    s.add("sub", message(2, "plant/b", "two"), 2),
                    s.add("sub", message(3, "plant/c", "three"), 1),
                    s.sent("sub", 1, 11, false),
                    s.sent("sub", 2, 12, true),
                    s.received("sub", 300),
                    s.received("sub", 301),
                    s.released("sub", 300),
                    store.retained().put(message(4, "plant/state", "on")),
                    store.wills()
                            .put(new StoredWill(
                                    "dev", message(5, "dev/status", "gone").message(), now + 5000)));
        }
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            assertThat(store.sessions().loadAll()).containsExactly(session("sub", now));
            List<StoredDelivery> d = store.sessions().deliveries("sub");
            assertThat(d)
                    .extracting(
                            x -> x.message().id(),
                            StoredDelivery::qos,
                            StoredDelivery::packetId,
                            StoredDelivery::released)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, 1, 11, false),
                            org.assertj.core.groups.Tuple.tuple(2L, 2, 12, true),
                            org.assertj.core.groups.Tuple.tuple(3L, 1, 0, false));
            Message first = d.get(0).message().message();
            assertThat(first.topic()).isEqualTo("plant/a");
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(first.origin()).isEqualTo(new Origin("pub", Optional.of("alice")));
            assertThat(first.properties().contentType()).contains("text/plain");
            assertThat(first.properties().userProperties()).containsExactly(Map.entry("line", "1"));
            assertThat(first.properties().correlationData())
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
            assertThat(first.properties().messageExpirySeconds()).hasValue(3600);
            assertThat(d.get(0).message().expiresAtEpochMillis()).isGreaterThan(now);
            assertThat(store.sessions().awaitingRelease("sub")).containsExactly(301);
            assertThat(store.retained().loadAll())
                    .extracting(m -> m.message().topic())
                    .containsExactly("plant/state");
            assertThat(store.wills().loadAll()).singleElement().satisfies(w -> {
                assertThat(w.clientId()).isEqualTo("dev");
                assertThat(w.publishAtEpochMillis()).isEqualTo(now + 5000);
                assertThat(w.message().topic()).isEqualTo("dev/status");
            });
            assertThat(store.lastMessageId()).isEqualTo(4); // a will is not a stored message
        }
    }

    @Test
    void aMessageHeldByTwoSessionsIsStoredOnceAndRemovedWithItsLastReference() throws Exception {
        StoredMessage shared = message(9, "a/b", "x");
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.NEVER)) {
            var s = store.sessions();
            join(
                    s.save(session("one", 0)),
                    s.save(session("two", 0)),
                    s.add("one", shared, 1),
                    s.add("two", shared, 1));
            assertThat(storedMessageCount(store)).isEqualTo(1);
            join(s.delete("one", 9));
            assertThat(storedMessageCount(store)).isEqualTo(1);
            join(s.delete("two", 9));
            assertThat(storedMessageCount(store)).isZero();
        }
    }

    @Test
    void removingASessionRemovesItsMessagesAndPacketIdsButKeepsOthers() throws Exception {
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.NEVER)) {
            var s = store.sessions();
            join(
                    s.save(session("gone", 0)),
                    s.save(session("gone2", 0)),
                    s.add("gone", message(1, "a", "1"), 1),
                    s.add("gone2", message(2, "a", "2"), 1),
                    s.received("gone", 5),
                    s.received("gone2", 6),
                    s.remove("gone"));
        }
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.NEVER)) {
            assertThat(store.sessions().loadAll())
                    .extracting(StoredSession::clientId)
                    .containsExactly("gone2");
            assertThat(store.sessions().deliveries("gone")).isEmpty();
            assertThat(store.sessions().deliveries("gone2")).hasSize(1);
            assertThat(store.sessions().awaitingRelease("gone")).isEmpty();
            assertThat(store.sessions().awaitingRelease("gone2")).containsExactly(6);
            assertThat(storedMessageCount(store)).isEqualTo(1);
        }
    }

    @Test
    void messagesOfASessionThatWasNeverSavedAreTrimmedAtOpen() throws Exception {
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.NEVER)) {
            join(
                    store.sessions().add("ghost", message(1, "a", "1"), 1),
                    store.sessions().received("ghost", 3));
        }
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.NEVER)) {
            assertThat(store.sessions().deliveries("ghost")).isEmpty();
            assertThat(storedMessageCount(store)).isZero();
            assertThat(store.lastMessageId()).isEqualTo(1); // ids stay unique even after trimming
        }
    }

    @Test
    void aSessionConnectedWhenTheBrokerStoppedCountsAsDisconnectedAtTheLastWrite() throws Exception {
        long before = System.currentTimeMillis();
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            join(store.sessions().save(session("online", 0)));
        }
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            long disconnectedAt = store.sessions().loadAll().get(0).disconnectedAtEpochMillis();
            assertThat(disconnectedAt).isBetween(before, System.currentTimeMillis());
        }
    }

    @Test
    void retainedMessagesOfTheGatewayStayInMemoryAndReplaceAStoredOne() throws Exception {
        Message fromGateway = Message.of(
                "plant/temp",
                "21.5".getBytes(StandardCharsets.UTF_8),
                1,
                true,
                new Origin(MvRetainedStore.GATEWAY, Optional.empty()));
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            join(
                    store.retained().put(message(1, "plant/temp", "old")),
                    store.retained().put(message(2, "other", "x")));
            CompletableFuture<Void> gateway = store.retained().put(new StoredMessage(3, fromGateway, 0));
            gateway.join();
            assertThat(store.retained().put(new StoredMessage(4, fromGateway.withTopic("plant/new"), 0)))
                    .isDone();
        }
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            assertThat(store.retained().loadAll())
                    .extracting(m -> m.message().topic())
                    .containsExactly("other");
        }
    }

    @Test
    void everyFsyncModeSurvivesReopening() throws Exception {
        for (Fsync mode : Fsync.values()) {
            Path f = dir.resolve(mode + ".mv");
            try (MvBrokerStore store = MvBrokerStore.open(f, mode)) {
                join(store.retained().put(message(1, "t/" + mode, "v")));
                if (mode == Fsync.ALWAYS) assertThat(store.syncs()).isEqualTo(store.commits());
                if (mode == Fsync.NEVER) assertThat(store.syncs()).isZero();
            }
            try (MvBrokerStore store = MvBrokerStore.open(f, mode)) {
                assertThat(store.retained().loadAll())
                        .extracting(m -> m.message().topic())
                        .containsExactly("t/" + mode);
            }
        }
    }

    @Test
    void aDamagedFileFailsWithOneLineNamingTheFile() throws Exception {
        Files.write(file(), "this is not a store ".repeat(500).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MvBrokerStore.open(file(), Fsync.BATCH))
                .isInstanceOf(StoreException.class)
                .hasMessage(file() + " is damaged or is not a Rung broker store; move it away to start with an empty"
                        + " store");
    }

    @Test
    void aFileInUseByAnotherStoreFailsWithOneLine() throws Exception {
        try (MvBrokerStore store = MvBrokerStore.open(file(), Fsync.BATCH)) {
            assertThatThrownBy(() -> MvBrokerStore.open(file(), Fsync.BATCH))
                    .isInstanceOf(StoreException.class)
                    .hasMessage(file() + " is in use by another process (is another Rung running on the same data"
                            + " dir?)");
            assertThat(store.lastMessageId()).isZero();
        }
    }

    @Test
    void aDataDirThatIsAFileFailsWithOneLine() throws Exception {
        Path notADir = Files.writeString(dir.resolve("data"), "x");
        assertThatThrownBy(() -> MvBrokerStore.open(new PersistenceConfig(notADir, Fsync.BATCH)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot create the data dir " + notADir + ": " + notADir + " is a file");
    }

    @Test
    void theDataDirIsCreatedWhenMissing() throws Exception {
        Path nested = dir.resolve("a/b");
        try (MvBrokerStore store = MvBrokerStore.open(new PersistenceConfig(nested, Fsync.BATCH))) {
            assertThat(nested.resolve(MvBrokerStore.FILE_NAME)).exists();
            assertThat(store.sessions().loadAll()).isEmpty();
        }
    }

    private static int storedMessageCount(MvBrokerStore store) {
        return store.sessions() instanceof MvSessionStore s ? s.storedMessageCount() : -1;
    }
}

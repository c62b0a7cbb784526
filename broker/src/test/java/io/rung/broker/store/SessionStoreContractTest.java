package io.rung.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.store.memory.MemoryBrokerStore;
import io.rung.broker.store.mvstore.MvBrokerStore;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from every {@link SessionStore}: the memory one is the reference for the durable one. */
class SessionStoreContractTest {
    @TempDir
    static Path dir;

    /** Opens a store, and gives what a restart would give: the same memory store, or the file opened again. */
    interface Opener {
        BrokerStore open() throws StoreException;

        BrokerStore restart(BrokerStore before) throws StoreException;
    }

    private static final class Memory implements Opener {
        @Override
        public BrokerStore open() {
            return new MemoryBrokerStore();
        }

        @Override
        public BrokerStore restart(BrokerStore before) {
            return before;
        }

        @Override
        public String toString() {
            return "memory";
        }
    }

    private static final class Mv implements Opener {
        private static int files;
        private final Path file = dir.resolve("store-" + files++ + ".mv");

        @Override
        public BrokerStore open() throws StoreException {
            return MvBrokerStore.open(file, Fsync.NEVER);
        }

        @Override
        public BrokerStore restart(BrokerStore before) throws StoreException {
            before.close();
            return open();
        }

        @Override
        public String toString() {
            return "mvstore";
        }
    }

    static Stream<Opener> stores() {
        return Stream.of(new Memory(), new Mv());
    }

    private static StoredSession session(String clientId) {
        return new StoredSession(clientId, Optional.empty(), 4, 60, 0, List.of());
    }

    private static StoredMessage message(long id) {
        return new StoredMessage(
                id, Message.of("t", new byte[] {(byte) id}, 1, false, new Origin("p", Optional.empty())), 0);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void inboundQos2PacketIdsAreKeptUntilReleasedOrTheSessionIsRemoved(Opener opener) throws Exception {
        BrokerStore before = opener.open();
        SessionStore w = before.sessions();
        CompletableFuture.allOf(
                        w.save(session("a")),
                        w.save(session("b")),
                        w.received("a", 1),
                        w.received("a", 2),
                        w.received("b", 3),
                        w.released("a", 1),
                        w.remove("b"))
                .join();
        try (BrokerStore store = opener.restart(before)) {
            SessionStore s = store.sessions();
            assertThat(s.awaitingRelease("a")).containsExactly(2);
            assertThat(s.awaitingRelease("b")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void deliveriesKeepTheirOrderAndTheirSentState(Opener opener) throws Exception {
        BrokerStore before = opener.open();
        SessionStore w = before.sessions();
        CompletableFuture.allOf(
                        w.save(session("a")),
                        w.add("a", message(1), 1),
                        w.add("a", message(2), 2),
                        w.add("a", message(3), 1),
                        w.sent("a", 2, 9, true),
                        w.delete("a", 1))
                .join();
        try (BrokerStore store = opener.restart(before)) {
            SessionStore s = store.sessions();
            assertThat(s.deliveries("a"))
                    .extracting(d -> d.message().id(), StoredDelivery::packetId, StoredDelivery::released)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, 9, true),
                            org.assertj.core.groups.Tuple.tuple(3L, 0, false));
        }
    }
}

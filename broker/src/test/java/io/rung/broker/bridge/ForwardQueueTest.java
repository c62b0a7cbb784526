package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.config.BridgeConfig;
import io.rung.config.DataSize;
import io.rung.config.PersistenceConfig.Fsync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardQueueTest {
    private static final BridgeConfig.BufferConfig ROOMY = BridgeConfig.BufferConfig.defaults();

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("bridges").resolve("cloud.mv");
    }

    private static BridgeConfig.BufferConfig bounds(long maxMessages, DataSize maxBytes) {
        return new BridgeConfig.BufferConfig(maxMessages, maxBytes);
    }

    private static Message msg(String text) {
        return Message.of("site-1/t", text.getBytes(StandardCharsets.UTF_8), 1, false, Origin.broker());
    }

    private static List<String> drain(ForwardQueue q) {
        List<String> texts = new ArrayList<>();
        long cursor = q.firstSeq();
        for (QueuedMessage m = q.next(cursor); m != null; m = q.next(cursor)) {
            texts.add(new String(m.message().payload(), StandardCharsets.UTF_8));
            cursor = m.seq() + 1;
        }
        return texts;
    }

    @Test
    void messagesLeaveInQueueOrderWhetherInMemoryOrOnDisk() {
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, Fsync.NEVER)) {
            q.add(msg("1"), 0, false);
            q.add(msg("2"), 0, true);
            q.add(msg("3"), 0, false);
            q.add(msg("4"), 0, true);
            assertThat(drain(q)).containsExactly("1", "2", "3", "4");
            q.spill();
            assertThat(drain(q)).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void whatIsLeftAtCloseIsThereAfterReopenInOrder() {
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, Fsync.NEVER)) {
            for (int i = 1; i <= 5; i++) q.add(msg(String.valueOf(i)), 0, i % 2 == 0);
            long first = q.firstSeq();
            assertThat(q.remove(first)).isTrue();
            assertThat(q.remove(first + 1)).isTrue();
        }
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, Fsync.NEVER)) {
            assertThat(q.count()).isEqualTo(3);
            assertThat(q.bytes()).isEqualTo(3 * ("site-1/t".length() + 1));
            assertThat(drain(q)).containsExactly("3", "4", "5");
            q.add(msg("6"), 0, false);
            assertThat(drain(q)).containsExactly("3", "4", "5", "6"); // new numbers come after the restored ones
        }
    }

    @Test
    void oldestIsDroppedWhenMaxMessagesIsReached() {
        try (ForwardQueue q = ForwardQueue.open(file(), bounds(3, DataSize.ofGiB(1)), Fsync.NEVER)) {
            List<Integer> dropped = new ArrayList<>();
            for (int i = 1; i <= 5; i++) dropped.add(q.add(msg(String.valueOf(i)), 0, i > 2));
            assertThat(dropped).containsExactly(0, 0, 0, 1, 1);
            assertThat(q.count()).isEqualTo(3);
            assertThat(drain(q)).containsExactly("3", "4", "5");
        }
    }

    @Test
    void maxBytesCountsTopicAndPayload() {
        long size = "site-1/t".length() + 10; // one message of 10 payload bytes
        try (ForwardQueue q = ForwardQueue.open(file(), bounds(100, DataSize.ofBytes(2 * size)), Fsync.NEVER)) {
            assertThat(q.add(msg("aaaaaaaaaa"), 0, true)).isZero();
            assertThat(q.add(msg("bbbbbbbbbb"), 0, true)).isZero();
            assertThat(q.add(msg("cccccccccc"), 0, true)).isEqualTo(1);
            assertThat(q.bytes()).isEqualTo(2 * size);
            assertThat(drain(q)).containsExactly("bbbbbbbbbb", "cccccccccc");
        }
    }

    @Test
    void removingAnAlreadyDroppedMessageIsHarmless() {
        try (ForwardQueue q = ForwardQueue.open(file(), bounds(1, DataSize.ofGiB(1)), Fsync.NEVER)) {
            q.add(msg("old"), 0, true);
            long old = q.firstSeq();
            q.add(msg("new"), 0, true);
            assertThat(q.remove(old)).isFalse();
            assertThat(q.count()).isEqualTo(1);
        }
    }

    @Test
    void memoryOnlyMessagesGoToDiskBeyondTheMemoryLimit() {
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, Fsync.NEVER)) {
            for (int i = 0; i <= ForwardQueue.MEMORY_LIMIT; i++) q.add(msg("m"), 0, false);
            q.commit();
        }
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, Fsync.NEVER)) {
            assertThat(q.count()).isEqualTo(ForwardQueue.MEMORY_LIMIT + 1);
        }
    }

    @Test
    void fileSpaceOfSentMessagesIsReused() throws Exception {
        byte[] kib = new byte[1024];
        try (ForwardQueue q = ForwardQueue.open(file(), ROOMY, 0)) {
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 100; i++) {
                    q.add(Message.of("site-1/t", kib, 1, false, Origin.broker()), 0, true);
                }
                q.commit();
                for (long seq = q.firstSeq(), n = 0; n < 100; n++) q.remove(seq + n);
                q.commit();
            }
            assertThat(q.count()).isZero();
        }
        assertThat(Files.size(file())).isLessThan(4L << 20); // 20 MiB went through it
    }
}

package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopGuardTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final LoopGuard guard = new LoopGuard(now::get);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void identicalMessageWithinTenSecondsIsTheEchoAndIsDroppedOnce() {
        guard.forwarded("site-1/a/set", b("1200"));
        now.addAndGet(9_000_000_000L);
        assertThat(guard.isEcho("site-1/a/set", b("1200"))).isTrue();
        assertThat(guard.isEcho("site-1/a/set", b("1200"))).isFalse(); // a second, real command passes
    }

    @Test
    void otherPayloadOrTopicIsNotAnEcho() {
        guard.forwarded("site-1/a/set", b("1200"));
        assertThat(guard.isEcho("site-1/a/set", b("1300"))).isFalse();
        assertThat(guard.isEcho("site-1/b/set", b("1200"))).isFalse();
    }

    @Test
    void afterTenSecondsTheSameMessageIsNew() {
        guard.forwarded("site-1/a/set", b("1200"));
        now.addAndGet(LoopGuard.WINDOW_NANOS + 1);
        assertThat(guard.isEcho("site-1/a/set", b("1200"))).isFalse();
    }
}

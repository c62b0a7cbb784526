package io.rung.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(InetAddress a, int times) {
        for (int i = 0; i < times; i++) throttle.failed(a);
    }

    @Test
    void blockDoublesWithEachRepeatUpToTheMaximum() {
        assertThat(LoginThrottle.blockLength(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(LoginThrottle.blockLength(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(LoginThrottle.blockLength(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(LoginThrottle.blockLength(40)).isEqualTo(LoginThrottle.MAX_BLOCK);
    }

    @Test
    void fourFailuresDoNotBlockTheFifthDoes() throws Exception {
        InetAddress a = InetAddress.getByName("::1");
        fail(a, LoginThrottle.MAX_FAILURES - 1);
        assertThat(throttle.blockedFor(a)).isEmpty();

        fail(a, 1);

        assertThat(throttle.blockedFor(a)).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(4));
        assertThat(throttle.blockedFor(a)).contains(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(throttle.blockedFor(a)).isEmpty();
    }

    @Test
    void addressIsForgottenAfterAQuietHour() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.1");
        fail(a, LoginThrottle.MAX_FAILURES);
        clock.advance(Duration.ofSeconds(10));
        fail(a, LoginThrottle.MAX_FAILURES);
        assertThat(throttle.blockedFor(a)).contains(Duration.ofSeconds(20));

        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        fail(a, LoginThrottle.MAX_FAILURES);

        assertThat(throttle.blockedFor(a)).contains(Duration.ofSeconds(10));
    }
}

package io.rung.broker.event;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void atMostTenLinesPerAddressPerMinuteThenOneSummary() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("test.refusals");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RefusalLog log = new RefusalLog(logger);
        InetAddress a = InetAddress.getByName("10.0.0.7");
        InetAddress b = InetAddress.getByName("10.0.0.8");
        for (int i = 0; i < 25; i++) log.refused(a, "10.0.0.7:5000", "tcp:1883", "phone", "scada", "wrong password", i);
        log.refused(b, "10.0.0.8:5000", "tcp:1883", "hmi", "", "anonymous not allowed", 30);
        assertThat(lines.list).hasSize(11);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("Refused connection from 10.0.0.7:5000 on "
                        + "listener tcp:1883 (client id 'phone', user 'scada'): wrong password.");
        log.sweep(MINUTE + 1);
        assertThat(lines.list).hasSize(12);
        assertThat(lines.list.get(11).getFormattedMessage())
                .isEqualTo("Refused 15 more connections from 10.0.0.7 in the last minute (not logged one by one).");
        log.refused(a, "10.0.0.7:5001", "tcp:1883", "phone", "scada", "wrong password", MINUTE + 2);
        assertThat(lines.list).hasSize(13);
    }
}

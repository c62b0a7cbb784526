package io.rung.broker.tls;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures what the broker logs ({@code broker.events}, where refusals go, and {@code io.rung}) during each test,
 * so tests can assert the exact lines operators see.
 *
 * <pre>{@code
 * @RegisterExtension final LogCapture logs = new LogCapture();
 * String line = logs.awaitLine("Refused connection", "wrong password");
 * }</pre>
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> LOGGERS = List.of("broker.events", "io.rung");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        appender.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            if (logger.getLevel() == null || logger.getLevel().isGreaterOrEqual(Level.WARN))
                logger.setLevel(Level.INFO);
            logger.addAppender(appender);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String name : LOGGERS) ((Logger) LoggerFactory.getLogger(name)).detachAppender(appender);
        appender.stop();
    }

    /** Every line so far, as {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for a line containing every one of {@code parts} and returns it. */
    public String awaitLine(String... parts) {
        await().atMost(WAIT).until(() -> find(parts) != null);
        return find(parts);
    }

    /** Lines containing every one of {@code parts}. */
    public List<String> linesWith(String... parts) {
        return lines.stream()
                .filter(l -> Arrays.stream(parts).allMatch(l::contains))
                .toList();
    }

    private String find(String... parts) {
        List<String> found = linesWith(parts);
        return found.isEmpty() ? null : found.get(0);
    }
}

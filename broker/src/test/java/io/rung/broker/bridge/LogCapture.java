package io.rung.broker.bridge;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the formatted lines a logger writes while open, to check what operators read. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the bridge's operator lines ({@code Bridge cloud connected to …}). */
    static LogCapture bridge() {
        return new LogCapture(Bridge.class);
    }

    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    long count(String containing) {
        return lines().stream().filter(l -> l.contains(containing)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

package io.aiemployee.faults;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything logged while a test runs (the root logger), as formatted messages with their exception's message. */
final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
    }

    static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        logs.appender.setContext(context());
        logs.appender.start();
        context().getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs.appender);
        return logs;
    }

    List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        }
    }

    boolean contains(String... parts) {
        return messages().stream().anyMatch(m -> java.util.Arrays.stream(parts).allMatch(m::contains));
    }

    @Override
    public void close() {
        context().getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}

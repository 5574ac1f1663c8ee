package io.aiemployee.watcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import io.aiemployee.vault.SafeFileNames;
import io.aiemployee.vault.VaultLayout;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging of watcher processes: Logback, configured by {@value #CONFIG_RESOURCE} (stdout), plus a
 * file appender for {@code Logs/<Display Name>.log} in the vault while a watcher runs.
 */
public final class WatcherLogging {

    /** Our Logback configuration, named so it does not collide with the operator's {@code logback.xml}. */
    public static final String CONFIG_RESOURCE = "watcher-logback.xml";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private WatcherLogging() {
    }

    /**
     * Selects {@value #CONFIG_RESOURCE} unless a configuration was chosen explicitly. Must run before
     * the first logger is created, i.e. first thing in {@code main}.
     */
    public static void selectConfiguration() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIG_RESOURCE);
        }
    }

    /** The log file of a watcher in the vault, e.g. {@code Logs/File System Watcher.log}. */
    public static Path logFile(VaultLayout vault, WatcherKind kind) {
        return logFile(vault, kind.displayName());
    }

    /** The log file of a supervised loop in the vault, e.g. {@code Logs/Vault Keeper.log}. */
    public static Path logFile(VaultLayout vault, String displayName) {
        return vault.logs().resolve(SafeFileNames.sanitize(displayName + ".log"));
    }

    /**
     * Adds a size-rolled file appender for {@code file} to the root logger; running the returned action removes
     * it. Does nothing when Logback is not the SLF4J binding.
     */
    static Runnable attachFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("vault-log:" + file);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    /** Flushes and stops Logback; used right before the process halts. */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
        System.out.flush();
        System.err.flush();
    }
}

package io.aiemployee.watcher;

/**
 * Registers a watcher subcommand that lives in another module (Gmail, WhatsApp), found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.aiemployee.watcher.WatcherPlugin}.
 */
public interface WatcherPlugin {

    WatcherKind kind();

    /** A picocli {@code @Command} object (usually a {@code Callable<Integer>}) named {@code kind().id()}. */
    Object command();
}

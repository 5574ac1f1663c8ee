package io.aiemployee.watcher;

/**
 * What {@link WatcherRunner} runs under the watcher process contract (vault folders, log file,
 * {@code /healthz}, SIGTERM, exit codes 0/1/78): a named loop. Every {@link Watcher} is one; so is
 * the operator's vault-keeper, which is not a watcher kind.
 */
public interface SupervisedLoop {

    /** The name in logs, in {@code /healthz} answers and of the log file, e.g. {@code File System Watcher}. */
    String displayName();

    /**
     * Runs until {@link WatcherContext#stopRequested()}, calling {@link WatcherContext#heartbeat()} at
     * least once per iteration. Throw {@link ConfigurationException} for configuration problems (exit
     * 78); any other exception is a crash (exit 1).
     */
    void run(WatcherContext context) throws Exception;
}

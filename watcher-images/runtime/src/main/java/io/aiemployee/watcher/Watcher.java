package io.aiemployee.watcher;

/**
 * One watcher's work loop. {@link #run} returns when {@link WatcherContext#stopRequested()} becomes
 * true (SIGTERM) and must call {@link WatcherContext#heartbeat()} at least once per loop iteration,
 * so a hung watcher can be told from a healthy one.
 */
public interface Watcher extends SupervisedLoop {

    WatcherKind kind();

    @Override
    default String displayName() {
        return kind().displayName();
    }

    /**
     * Runs until stopped. Throw {@link ConfigurationException} for configuration problems (exit 78);
     * any other exception is a crash (exit 1).
     */
    @Override
    void run(WatcherContext context) throws Exception;
}

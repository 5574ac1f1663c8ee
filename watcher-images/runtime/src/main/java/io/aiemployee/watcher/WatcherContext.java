package io.aiemployee.watcher;

import io.aiemployee.vault.VaultLayout;
import java.time.Clock;
import java.time.Duration;

/** What the runtime gives a running watcher. */
public interface WatcherContext {

    VaultLayout vault();

    Clock clock();

    /** Records progress: feeds the {@code /healthz} endpoint and the heartbeat file. */
    void heartbeat();

    /** True once a stop (SIGTERM) was requested; the watcher should return from {@code run} promptly. */
    boolean stopRequested();

    /**
     * Waits up to {@code timeout}, returning early (with {@code true}) when a stop is requested.
     * Use it instead of {@code Thread.sleep} between polls.
     */
    boolean awaitStop(Duration timeout) throws InterruptedException;
}

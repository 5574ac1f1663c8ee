package io.aiemployee.operator.local;

import io.aiemployee.watcher.WatcherKind;
import java.time.Instant;

/**
 * An immutable look at one local watcher: what the dashboard, the status file and
 * {@code aiemployee status} show.
 */
public record WatcherView(WatcherKind kind, WatcherState state, long pid, int restarts, Instant lastRestart,
                          Integer lastExitCode, String lastError) {

    public String name() {
        return kind.displayName();
    }
}

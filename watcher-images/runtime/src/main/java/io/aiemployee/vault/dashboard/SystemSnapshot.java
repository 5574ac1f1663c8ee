package io.aiemployee.vault.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the dashboard shows at one moment. The Kubernetes vault-keeper builds it from the
 * AIEmployee status, local mode from its child processes.
 *
 * @param state    the system state
 * @param message  the Details of a System_Status row, e.g. {@code System Online: All Watchers Active}
 * @param watchers one row per watcher, in display order
 * @param counts   the folder counts
 * @param time     when this snapshot was taken (the Timestamp of rows and the Last Updated line)
 */
public record SystemSnapshot(SystemState state, String message, List<WatcherRow> watchers, FolderCounts counts,
                             Instant time) {

    public static final String ONLINE_MESSAGE = "System Online: All Watchers Active";
    public static final String OFFLINE_MESSAGE = "System Offline: Orchestrator Stopped";

    public SystemSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        watchers = List.copyOf(watchers);
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(time, "time");
    }
}

package io.aiemployee.operator.vaultkeeper;

import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.vault.dashboard.FolderCounts;
import io.aiemployee.vault.dashboard.SystemSnapshot;
import io.aiemployee.vault.dashboard.SystemState;
import io.aiemployee.vault.dashboard.WatcherRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The dashboard's view of an AIEmployee status (pure). */
public final class DashboardSnapshots {

    /** Shown until the operator has written a status. */
    public static final String WAITING_MESSAGE = "System Starting: Waiting For The Operator";

    private DashboardSnapshots() {
    }

    public static SystemSnapshot of(AIEmployeeStatus status, FolderCounts counts, Instant time) {
        if (status == null || status.systemStatus() == null) {
            return new SystemSnapshot(SystemState.PENDING, WAITING_MESSAGE, List.of(), counts, time);
        }
        SystemState state = switch (status.systemStatus()) {
            case Pending -> SystemState.PENDING;
            case Online -> SystemState.ONLINE;
            case Degraded -> SystemState.DEGRADED;
            case Offline -> SystemState.OFFLINE;
        };
        String message = status.message() != null ? status.message() : status.systemStatus().name();
        List<WatcherRow> rows = status.watchers() == null ? List.of()
                : status.watchers().stream().map(DashboardSnapshots::row).toList();
        return new SystemSnapshot(state, message, rows, counts, time);
    }

    /** Whether two snapshots show the same thing, whenever they were taken. */
    public static boolean sameContent(SystemSnapshot a, SystemSnapshot b) {
        return a != null && b != null && a.state() == b.state() && Objects.equals(a.message(), b.message())
                && a.watchers().equals(b.watchers()) && a.counts().equals(b.counts());
    }

    private static WatcherRow row(WatcherStatus watcher) {
        String name = Workload.byId(watcher.name()).map(Workload::displayName).orElse(watcher.name());
        return new WatcherRow(name, String.valueOf(watcher.phase()), watcher.restartCount(),
                Timestamps.parse(watcher.lastRestartTime()), watcher.lastFailureMessage());
    }
}

package io.aiemployee.vault.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Snapshots and a renderer in UTC for the dashboard tests. */
final class DashboardFixtures {

    static final Instant T0 = Instant.parse("2026-02-16T18:30:17Z");
    static final DashboardRenderer UTC = new DashboardRenderer(ZoneOffset.UTC, DashboardRenderer.DEFAULT_HISTORY_LIMIT);

    /** The template Dashboard.md the vault ships, in its unmarked form. */
    static final String TEMPLATE = """
            # AI Employee Dashboard

            ## System Status
            | Timestamp | Action | Status | Details |
            |-----------|--------|--------|---------|
            | 2026-02-16 18:25:00 | System_Status | ✓ Online | System Online: All Watchers Active |

            ## Notes
            My own notes.

            ---
            *Last Updated: 2026-02-16 18:25:00*
            """;

    private DashboardFixtures() {
    }

    static SystemSnapshot online(Instant time) {
        return new SystemSnapshot(SystemState.ONLINE, SystemSnapshot.ONLINE_MESSAGE,
                List.of(new WatcherRow("File System Watcher", "Running", 0, null, null),
                        new WatcherRow("Approval Handler", "Running", 0, null, null)),
                new FolderCounts(1, 2, 3, 4, 5), time);
    }

    static SystemSnapshot withRestarts(Instant time, int restarts) {
        return new SystemSnapshot(SystemState.ONLINE, SystemSnapshot.ONLINE_MESSAGE,
                List.of(new WatcherRow("File System Watcher", "Running", restarts, time, "exit code 137"),
                        new WatcherRow("Approval Handler", "Running", 0, null, null)),
                FolderCounts.EMPTY, time);
    }

    static SystemSnapshot offline(Instant time) {
        return new SystemSnapshot(SystemState.OFFLINE, SystemSnapshot.OFFLINE_MESSAGE,
                List.of(new WatcherRow("File System Watcher", "Stopped", 0, null, null)), FolderCounts.EMPTY, time);
    }
}

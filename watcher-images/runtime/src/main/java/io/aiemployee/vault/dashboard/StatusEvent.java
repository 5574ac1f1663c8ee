package io.aiemployee.vault.dashboard;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the System Status history:
 * {@code | 2026-02-16 18:30:17 | System_Status | ✓ Online | System Online: All Watchers Active |}.
 */
public record StatusEvent(Instant time, String action, String status, String details) {

    public static final String SYSTEM_STATUS = "System_Status";
    public static final String WATCHER_RESTART = "Watcher_Restart";
    public static final String WATCHER_DISABLED = "Watcher_Disabled";

    public StatusEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
    }

    public static StatusEvent systemStatus(Instant time, SystemState state, String message) {
        return new StatusEvent(time, SYSTEM_STATUS, state.label(), message);
    }

    public static StatusEvent restart(Instant time, String watcherName, int restartNumber) {
        return new StatusEvent(time, WATCHER_RESTART, "↻ Restarted",
                watcherName + " restarted (restart #" + restartNumber + ")");
    }

    public static StatusEvent disabled(Instant time, String watcherName, String reason) {
        return new StatusEvent(time, WATCHER_DISABLED, "✗ Disabled", watcherName + ": " + reason);
    }
}

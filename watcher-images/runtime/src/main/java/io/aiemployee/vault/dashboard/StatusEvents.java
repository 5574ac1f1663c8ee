package io.aiemployee.vault.dashboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which history rows a change from one snapshot to the next deserves (pure): a System_Status row
 * when the state changed, or its message while not Pending (always for the first snapshot), a Watcher_Restart row for
 * each watcher whose restart count went up, and a Watcher_Disabled row when a watcher newly enters
 * the {@code Disabled} or {@code ConfigError} state. Returned newest first, as the table shows them.
 */
public final class StatusEvents {

    private StatusEvents() {
    }

    /** @param previous the snapshot last written, or null when nothing was written yet */
    public static List<StatusEvent> between(SystemSnapshot previous, SystemSnapshot current) {
        List<StatusEvent> oldestFirst = new ArrayList<>();
        Map<String, WatcherRow> before = new HashMap<>();
        if (previous != null) {
            previous.watchers().forEach(row -> before.put(row.name(), row));
        }
        for (WatcherRow row : current.watchers()) {
            WatcherRow old = before.get(row.name());
            int oldRestarts = old == null ? 0 : old.restarts();
            if (previous != null && row.restarts() > oldRestarts) {
                oldestFirst.add(StatusEvent.restart(current.time(), row.name(), row.restarts()));
            }
            boolean wasOut = old != null && isOut(old.state());
            if (isOut(row.state()) && !wasOut) {
                oldestFirst.add(StatusEvent.disabled(current.time(), row.name(),
                        row.lastError() == null ? row.state() : row.lastError()));
            }
        }
        boolean messageChanged = previous != null && !Objects.equals(previous.message(), current.message());
        if (previous == null || previous.state() != current.state()
                || (messageChanged && current.state() != SystemState.PENDING)) {
            oldestFirst.add(StatusEvent.systemStatus(current.time(), current.state(), current.message()));
        }
        List<StatusEvent> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static boolean isOut(String state) {
        return "Disabled".equals(state) || "ConfigError".equals(state);
    }
}

package io.aiemployee.operator.local;

import io.aiemployee.vault.dashboard.SystemSnapshot;
import io.aiemployee.vault.dashboard.SystemState;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole system's state from its watchers' states (pure). Disabled watchers do not count
 * against Online but are named in the message; a watcher restarting or in a configuration error
 * makes the system Degraded; before every watcher has come up once it is Pending.
 */
public final class SystemStateRule {

    public record Verdict(SystemState state, String message) {
    }

    private SystemStateRule() {
    }

    public static Verdict of(List<WatcherView> watchers, boolean stopped) {
        if (stopped) {
            return new Verdict(SystemState.OFFLINE, SystemSnapshot.OFFLINE_MESSAGE);
        }
        List<WatcherView> active = watchers.stream().filter(w -> w.state() != WatcherState.DISABLED).toList();
        String disabled = names(watchers.stream().filter(w -> w.state() == WatcherState.DISABLED).toList());
        if (active.isEmpty()) {
            return new Verdict(SystemState.DEGRADED, "System Degraded: No Watchers Enabled");
        }
        List<WatcherView> failing = active.stream()
                .filter(w -> w.state() == WatcherState.BACKING_OFF || w.state() == WatcherState.CONFIG_ERROR
                        || (w.state() == WatcherState.PENDING && w.restarts() > 0))
                .toList();
        if (!failing.isEmpty()) {
            return new Verdict(SystemState.DEGRADED, "System Degraded: " + failing.stream()
                    .map(w -> w.name() + (w.state() == WatcherState.CONFIG_ERROR ? " configuration error" : " restarting"))
                    .collect(Collectors.joining(", ")));
        }
        if (active.stream().allMatch(w -> w.state() == WatcherState.RUNNING)) {
            return new Verdict(SystemState.ONLINE,
                    disabled.isEmpty() ? SystemSnapshot.ONLINE_MESSAGE
                            : SystemSnapshot.ONLINE_MESSAGE + " (disabled: " + disabled + ")");
        }
        return new Verdict(SystemState.PENDING, "System Starting: Waiting for "
                + names(active.stream().filter(w -> w.state() != WatcherState.RUNNING).toList()));
    }

    private static String names(List<WatcherView> watchers) {
        return watchers.stream().map(WatcherView::name).collect(Collectors.joining(", "));
    }
}

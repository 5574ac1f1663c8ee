package io.aiemployee.operator.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Formats the watcher table of {@code aiemployee status} like {@code kubectl get} (pure). */
public final class StatusTable {

    private StatusTable() {
    }

    public static String render(LocalStatus status, boolean running, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "RESTARTS", "LAST RESTART", "LAST ERROR"});
        for (WatcherView w : status.watchers()) {
            boolean alive = running && w.pid() > 0
                    && (w.state() == WatcherState.RUNNING || w.state() == WatcherState.PENDING);
            rows.add(new String[] {
                w.kind().id(),
                running ? w.state().displayName() : (w.state() == WatcherState.DISABLED ? "Disabled" : "Stopped"),
                alive ? Long.toString(w.pid()) : "-",
                Integer.toString(w.restarts()),
                w.lastRestart() == null ? "-" : age(Duration.between(w.lastRestart(), now)) + " ago",
                w.lastError() == null ? "-" : w.lastError()
            });
        }
        StringBuilder out = new StringBuilder();
        String system = running ? status.state() + " (" + status.message() + ")"
                : "Offline (no orchestrator is running on this vault)";
        out.append("SYSTEM: ").append(system).append('\n');
        if (running) {
            out.append("ORCHESTRATOR PID: ").append(status.orchestratorPid()).append(", updated ")
                    .append(age(Duration.between(status.updated(), now))).append(" ago\n");
        }
        out.append('\n');
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** kubectl's short ages: 45s, 3m, 2h, 5d. */
    static String age(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}

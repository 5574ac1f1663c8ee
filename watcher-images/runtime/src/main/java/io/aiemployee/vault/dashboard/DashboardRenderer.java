package io.aiemployee.vault.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the bodies of the dashboard's managed sections (pure: strings in, strings out). Lines
 * end with {@code \n}; {@link DashboardDocument} converts them to the file's line separator.
 */
public final class DashboardRenderer {

    public static final int DEFAULT_HISTORY_LIMIT = 50;
    public static final String STATUS_HEADER = "| Timestamp | Action | Status | Details |";
    static final String STATUS_SEPARATOR = "|-----------|--------|--------|---------|";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_CELL = 160;

    private final ZoneId zone;
    private final int historyLimit;

    public DashboardRenderer(ZoneId zone, int historyLimit) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
        }
        this.historyLimit = historyLimit;
    }

    public static DashboardRenderer withDefaults() {
        return new DashboardRenderer(ZoneId.systemDefault(), DEFAULT_HISTORY_LIMIT);
    }

    public String timestamp(Instant time) {
        return TIMESTAMP.format(time.atZone(zone));
    }

    public String row(StatusEvent event) {
        return "| " + timestamp(event.time()) + " | " + cell(event.action()) + " | " + cell(event.status()) + " | "
                + cell(event.details()) + " |";
    }

    /**
     * The System Status table: header, then {@code newEvents} (newest first), then the rows already
     * there, cut to the history limit.
     *
     * @param oldRows the data rows of the existing table, verbatim, newest first
     */
    public String statusTable(List<StatusEvent> newEvents, List<String> oldRows) {
        List<String> rows = new ArrayList<>();
        newEvents.forEach(event -> rows.add(row(event)));
        rows.addAll(oldRows);
        StringBuilder out = new StringBuilder(STATUS_HEADER).append('\n').append(STATUS_SEPARATOR).append('\n');
        rows.stream().limit(historyLimit).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    public String watcherTable(List<WatcherRow> watchers) {
        StringBuilder out = new StringBuilder("| Watcher | State | Restarts | Last Restart | Last Error |\n")
                .append("|---------|-------|----------|--------------|------------|\n");
        for (WatcherRow row : watchers) {
            out.append("| ").append(cell(row.name()))
                    .append(" | ").append(cell(row.state()))
                    .append(" | ").append(row.restarts())
                    .append(" | ").append(row.lastRestart() == null ? "-" : timestamp(row.lastRestart()))
                    .append(" | ").append(row.lastError() == null ? "-" : cell(row.lastError()))
                    .append(" |\n");
        }
        return out.toString();
    }

    public String folderTable(FolderCounts counts) {
        return "| Folder | Files |\n"
                + "|--------|-------|\n"
                + "| Inbox | " + counts.inbox() + " |\n"
                + "| Needs_Action | " + counts.needsAction() + " |\n"
                + "| Pending_Approval | " + counts.pendingApproval() + " |\n"
                + "| Approved | " + counts.approved() + " |\n"
                + "| Done | " + counts.done() + " |\n";
    }

    public String lastUpdated(Instant time) {
        return "*Last Updated: " + timestamp(time) + "*\n";
    }

    /** A table cell: one line, no column breaks, bounded length. */
    static String cell(String text) {
        String flat = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
    }
}

package io.aiemployee.vault.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the managed sections into the text of Dashboard.md (pure). The writer owns only what lies
 * between its marker comments, {@code <!-- aiemployee:NAME:begin -->} and
 * {@code <!-- aiemployee:NAME:end -->}; every other byte is returned unchanged. Rules, applied in
 * this order (also in docs/dashboard.md):
 * <ol>
 * <li>A section whose markers are present is re-rendered in place.</li>
 * <li>No {@code status} markers: the first table whose header is {@code | Timestamp | Action | Status | Details |}
 * (the template's) is adopted: markers are put around it and its rows become the start of the history.
 * Likewise the first {@code *Last Updated: ...*} line is adopted as the {@code updated} section.</li>
 * <li>Still missing: {@code status} goes to the end of the file, {@code watchers} after {@code status},
 * {@code folders} after {@code watchers}, {@code updated} to the end; each inserted table gets a
 * {@code ## } heading above its begin marker, written once, which is the user's to keep or change.</li>
 * <li>Markers that do not pair up (a begin without its end, two begins, overlapping sections) raise
 * {@link DashboardFormatException}, and nothing is written.</li>
 * </ol>
 * The file's line separator ({@code \n} or {@code \r\n}) is kept.
 */
public final class DashboardDocument {

    /** The managed sections, in the order they are inserted when missing. */
    enum Section {
        STATUS("status", "System Status"),
        WATCHERS("watchers", "Watchers"),
        FOLDERS("folders", "Folders"),
        UPDATED("updated", null);

        final String id;
        final String heading;
        final Pattern begin;
        final Pattern end;

        Section(String id, String heading) {
            this.id = id;
            this.heading = heading;
            this.begin = markerLine(beginMarker(id));
            this.end = markerLine(endMarker(id));
        }
    }

    public static final String NEW_FILE_TITLE = "# AI Employee Dashboard";

    private static final Pattern STATUS_HEADER = Pattern.compile(
            "(?m)^\\|\\s*Timestamp\\s*\\|\\s*Action\\s*\\|\\s*Status\\s*\\|\\s*Details\\s*\\|[ \\t]*\\r?$");
    private static final Pattern LAST_UPDATED = Pattern.compile("(?m)^\\*Last Updated:[^\\n]*\\*[ \\t]*(\\r?\\n|\\z)");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\|[\\s:|-]*\\|\\s*$");

    private final DashboardRenderer renderer;

    public DashboardDocument(DashboardRenderer renderer) {
        this.renderer = renderer;
    }

    static String beginMarker(String id) {
        return "<!-- aiemployee:" + id + ":begin -->";
    }

    static String endMarker(String id) {
        return "<!-- aiemployee:" + id + ":end -->";
    }

    private static Pattern markerLine(String marker) {
        return Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(marker) + "[ \\t]*(\\r?\\n|\\z)");
    }

    /**
     * The new content of Dashboard.md.
     *
     * @param existing  the current content, or null when the file does not exist
     * @param newEvents history rows to add, newest first
     */
    public String merge(String existing, SystemSnapshot snapshot, List<StatusEvent> newEvents) {
        String text = existing == null ? NEW_FILE_TITLE + "\n" : existing;
        String sep = text.contains("\r\n") ? "\r\n" : "\n";
        checkMarkers(text);

        if (find(text, Section.STATUS) == null) {
            text = adoptStatusTable(text, sep);
        }
        if (find(text, Section.UPDATED) == null) {
            text = adoptLastUpdated(text, sep);
        }
        String previous = null;
        for (Section section : Section.values()) {
            if (find(text, section) == null) {
                int at = section == Section.UPDATED || previous == null ? text.length()
                        : find(text, Section.valueOf(previous)).afterEnd;
                text = insertEmpty(text, at, section, sep);
            }
            previous = section.name();
        }

        text = replaceBody(text, Section.STATUS,
                renderer.statusTable(newEvents, historyRows(find(text, Section.STATUS).body(text))), sep);
        text = replaceBody(text, Section.WATCHERS, renderer.watcherTable(snapshot.watchers()), sep);
        text = replaceBody(text, Section.FOLDERS, renderer.folderTable(snapshot.counts()), sep);
        return replaceBody(text, Section.UPDATED, renderer.lastUpdated(snapshot.time()), sep);
    }

    /** Where a section's markers are: the body lies between {@code bodyStart} and {@code bodyEnd}. */
    private record Located(int beginStart, int bodyStart, int bodyEnd, int afterEnd) {
        String body(String text) {
            return text.substring(bodyStart, bodyEnd);
        }
    }

    private static Located find(String text, Section section) {
        Matcher begin = section.begin.matcher(text);
        if (!begin.find()) {
            return null;
        }
        Matcher end = section.end.matcher(text);
        if (!end.find(begin.end())) {
            throw new DashboardFormatException("Dashboard.md: " + beginMarker(section.id) + " has no matching "
                    + endMarker(section.id) + " after it; fix the markers by hand (the file was left unchanged)");
        }
        return new Located(begin.start(), begin.end(), end.start(), end.end());
    }

    private static void checkMarkers(String text) {
        List<Located> found = new ArrayList<>();
        for (Section section : Section.values()) {
            int begins = count(section.begin, text);
            int ends = count(section.end, text);
            if (begins == 0 && ends == 0) {
                continue;
            }
            if (begins != 1 || ends != 1) {
                throw new DashboardFormatException("Dashboard.md has " + begins + " × " + beginMarker(section.id)
                        + " and " + ends + " × " + endMarker(section.id)
                        + "; each must appear exactly once (the file was left unchanged)");
            }
            found.add(find(text, section));
        }
        found.sort((a, b) -> Integer.compare(a.beginStart, b.beginStart));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).beginStart < found.get(i - 1).afterEnd) {
                throw new DashboardFormatException(
                        "Dashboard.md has overlapping aiemployee sections (the file was left unchanged)");
            }
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /** Puts markers around the template's unmarked System Status table, if there is one. */
    private static String adoptStatusTable(String text, String sep) {
        Matcher header = STATUS_HEADER.matcher(text);
        if (!header.find()) {
            return text;
        }
        int start = header.start();
        int end = start;
        boolean first = true;
        while (end < text.length()) {
            int lineEnd = text.indexOf('\n', end);
            int next = lineEnd < 0 ? text.length() : lineEnd + 1;
            String line = text.substring(end, next).strip();
            if (!line.startsWith("|") || (!first && line.isEmpty())) {
                break;
            }
            first = false;
            end = next;
        }
        String tail = end == text.length() && !text.endsWith("\n") ? sep : "";
        return text.substring(0, start) + beginMarker(Section.STATUS.id) + sep + text.substring(start, end) + tail
                + endMarker(Section.STATUS.id) + sep + text.substring(end);
    }

    private static String adoptLastUpdated(String text, String sep) {
        Matcher line = LAST_UPDATED.matcher(text);
        if (!line.find()) {
            return text;
        }
        String tail = line.group(1).isEmpty() ? sep : "";
        return text.substring(0, line.start()) + beginMarker(Section.UPDATED.id) + sep
                + text.substring(line.start(), line.end()) + tail + endMarker(Section.UPDATED.id) + sep
                + text.substring(line.end());
    }

    private static String insertEmpty(String text, int at, Section section, String sep) {
        StringBuilder block = new StringBuilder();
        String before = text.substring(0, at);
        if (!before.isEmpty() && !before.endsWith("\n")) {
            block.append(sep);
        }
        if (!before.isEmpty()) {
            block.append(sep);
        }
        if (section.heading != null) {
            block.append("## ").append(section.heading).append(sep).append(sep);
        }
        block.append(beginMarker(section.id)).append(sep).append(endMarker(section.id)).append(sep);
        return before + block + text.substring(at);
    }

    private static String replaceBody(String text, Section section, String body, String sep) {
        Located located = find(text, section);
        String converted = sep.equals("\n") ? body : body.replace("\n", sep);
        return text.substring(0, located.bodyStart) + converted + text.substring(located.bodyEnd);
    }

    /** The data rows of an existing status table: lines starting with '|', minus its header and separator. */
    static List<String> historyRows(String body) {
        List<String> rows = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("|") && !STATUS_HEADER.matcher(trimmed).matches()
                    && !TABLE_SEPARATOR.matcher(trimmed).matches()) {
                rows.add(trimmed);
            }
        }
        return rows;
    }
}

package io.aiemployee.vault.dashboard;

import static io.aiemployee.vault.dashboard.DashboardFixtures.T0;
import static io.aiemployee.vault.dashboard.DashboardFixtures.TEMPLATE;
import static io.aiemployee.vault.dashboard.DashboardFixtures.UTC;
import static io.aiemployee.vault.dashboard.DashboardFixtures.offline;
import static io.aiemployee.vault.dashboard.DashboardFixtures.online;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardDocumentTest {

    private final DashboardDocument document = new DashboardDocument(UTC);

    @Test
    void newFileHasEverySectionAndTheFamiliarRow() {
        SystemSnapshot snapshot = online(T0);
        String text = document.merge(null, snapshot, StatusEvents.between(null, snapshot));

        assertThat(text).startsWith("# AI Employee Dashboard\n")
                .contains("| Timestamp | Action | Status | Details |\n")
                .contains("\n| 2026-02-16 18:30:17 | System_Status | ✓ Online | System Online: All Watchers Active |\n")
                .contains("| File System Watcher | Running | 0 | - | - |")
                .contains("| Pending_Approval | 3 |")
                .contains("| Done | 5 |")
                .endsWith("<!-- aiemployee:updated:begin -->\n*Last Updated: 2026-02-16 18:30:17*\n"
                        + "<!-- aiemployee:updated:end -->\n");
        for (String id : List.of("status", "watchers", "folders", "updated")) {
            assertThat(text).containsOnlyOnce("<!-- aiemployee:" + id + ":begin -->")
                    .containsOnlyOnce("<!-- aiemployee:" + id + ":end -->");
        }
    }

    @Test
    void adoptsTheTemplateTableAndLastUpdatedLineKeepingTheOldRowsBelowTheNewOne() {
        SystemSnapshot snapshot = offline(T0);
        String text = document.merge(TEMPLATE, snapshot, StatusEvents.between(null, snapshot));

        assertThat(text).startsWith("# AI Employee Dashboard\n\n## System Status\n<!-- aiemployee:status:begin -->\n"
                + "| Timestamp | Action | Status | Details |\n|-----------|--------|--------|---------|\n"
                + "| 2026-02-16 18:30:17 | System_Status | ✗ Offline | System Offline: Orchestrator Stopped |\n"
                + "| 2026-02-16 18:25:00 | System_Status | ✓ Online | System Online: All Watchers Active |\n"
                + "<!-- aiemployee:status:end -->\n");
        assertThat(text).contains("\n## Notes\nMy own notes.\n\n---\n<!-- aiemployee:updated:begin -->\n"
                + "*Last Updated: 2026-02-16 18:30:17*\n<!-- aiemployee:updated:end -->\n");
        assertThat(text).containsOnlyOnce("*Last Updated:").containsOnlyOnce("| Timestamp | Action |");
        // the watcher and folder tables go right after the status table, before the user's notes
        assertThat(text.indexOf("<!-- aiemployee:watchers:begin -->"))
                .isGreaterThan(text.indexOf("<!-- aiemployee:status:end -->"))
                .isLessThan(text.indexOf("## Notes"));
        assertThat(text.indexOf("<!-- aiemployee:folders:begin -->"))
                .isGreaterThan(text.indexOf("<!-- aiemployee:watchers:end -->"));
    }

    @Test
    void theBundledVaultTemplateIsAdoptedWithItsNotesUntouched() throws java.io.IOException {
        java.nio.file.Path template = java.nio.file.Path.of("../../AI_Employee_Vault/Dashboard.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(template), "template not in this checkout");
        String original = java.nio.file.Files.readString(template);
        SystemSnapshot snapshot = online(T0);
        String text = document.merge(original, snapshot, StatusEvents.between(null, snapshot));
        String notes = original.substring(original.indexOf("## Notes"));
        assertThat(text).endsWith(notes).startsWith(original.substring(0, original.indexOf("| Timestamp")))
                .containsOnlyOnce("| Timestamp | Action | Status | Details |")
                .containsOnlyOnce("*Last Updated: 2026-02-16 18:30:17*")
                .contains("| 2026-02-16 18:25:00 | System_Status | ✓ Online | System Online: All Watchers Active |");
    }

    @Test
    void secondMergeOnlyChangesManagedBytes() {
        SystemSnapshot first = online(T0);
        String once = document.merge(TEMPLATE, first, StatusEvents.between(null, first));
        String twice = document.merge(once, first, List.of());
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void historyIsBoundedNewestFirst() {
        DashboardDocument small = new DashboardDocument(new DashboardRenderer(ZoneOffset.UTC, 5));
        String text = null;
        for (int i = 0; i < 12; i++) {
            SystemSnapshot snapshot = online(T0.plusSeconds(i));
            text = small.merge(text, snapshot,
                    List.of(StatusEvent.restart(snapshot.time(), "Gmail Inbox Watcher", i + 1)));
        }
        List<String> rows = DashboardDocument.historyRows(text.substring(text.indexOf("<!-- aiemployee:status:begin"),
                text.indexOf("<!-- aiemployee:status:end")));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains("(restart #12)");
        assertThat(rows.get(4)).contains("(restart #8)");
    }

    @Test
    void keepsWindowsLineEndings() {
        String crlf = TEMPLATE.replace("\n", "\r\n");
        SystemSnapshot snapshot = online(T0);
        String text = document.merge(crlf, snapshot, StatusEvents.between(null, snapshot));
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        assertThat(text).contains("My own notes.\r\n");
    }

    @Test
    void fileWithoutTrailingNewlineGetsSectionsAppendedAfterIt() {
        String text = document.merge("just a line", online(T0), List.of());
        assertThat(text).startsWith("just a line\n\n## System Status\n\n<!-- aiemployee:status:begin -->\n");
    }

    @Test
    void escapesPipesAndNewlinesInCells() {
        SystemSnapshot snapshot = new SystemSnapshot(SystemState.DEGRADED, "System Degraded: a|b",
                List.of(new WatcherRow("Gmail Inbox Watcher", "ConfigError", 0, null, "line one\nline | two")),
                FolderCounts.EMPTY, T0);
        String text = document.merge(null, snapshot, StatusEvents.between(null, snapshot));
        assertThat(text).contains("| Gmail Inbox Watcher | ConfigError | 0 | - | line one line \\| two |")
                .contains("| ⚠ Degraded | System Degraded: a\\|b |");
    }

    @Test
    void refusesBrokenMarkers() {
        String onlyBegin = "# Mine\n<!-- aiemployee:status:begin -->\nstuff\n";
        assertThatThrownBy(() -> document.merge(onlyBegin, online(T0), List.of()))
                .isInstanceOf(DashboardFormatException.class).hasMessageContaining("aiemployee:status:end");
        String twice = "<!-- aiemployee:folders:begin -->\n<!-- aiemployee:folders:end -->\n"
                + "<!-- aiemployee:folders:begin -->\n<!-- aiemployee:folders:end -->\n";
        assertThatThrownBy(() -> document.merge(twice, online(T0), List.of()))
                .isInstanceOf(DashboardFormatException.class).hasMessageContaining("exactly once");
        String overlapping = "<!-- aiemployee:status:begin -->\n<!-- aiemployee:folders:begin -->\n"
                + "<!-- aiemployee:status:end -->\n<!-- aiemployee:folders:end -->\n";
        assertThatThrownBy(() -> document.merge(overlapping, online(T0), List.of()))
                .isInstanceOf(DashboardFormatException.class).hasMessageContaining("overlapping");
    }

    @Test
    void statusEventsFollowChanges() {
        SystemSnapshot first = online(T0);
        assertThat(StatusEvents.between(null, first)).extracting(StatusEvent::action)
                .containsExactly(StatusEvent.SYSTEM_STATUS);
        assertThat(StatusEvents.between(first, online(T0.plusSeconds(5)))).isEmpty();

        SystemSnapshot restarted = DashboardFixtures.withRestarts(T0.plusSeconds(9), 2);
        List<StatusEvent> events = StatusEvents.between(first, restarted);
        assertThat(events).hasSize(1);
        assertThat(UTC.row(events.get(0))).isEqualTo(
                "| 2026-02-16 18:30:26 | Watcher_Restart | ↻ Restarted | File System Watcher restarted (restart #2) |");

        List<StatusEvent> off = StatusEvents.between(restarted, offline(T0.plusSeconds(20)));
        assertThat(off).extracting(UTC::row).containsExactly(
                "| 2026-02-16 18:30:37 | System_Status | ✗ Offline | System Offline: Orchestrator Stopped |");
    }

    @Test
    void progressWhileStartingIsNotARow() {
        SystemSnapshot waitingForTwo = new SystemSnapshot(SystemState.PENDING, "System Starting: Waiting for A, B",
                List.of(), FolderCounts.EMPTY, T0);
        SystemSnapshot waitingForOne = new SystemSnapshot(SystemState.PENDING, "System Starting: Waiting for B",
                List.of(), FolderCounts.EMPTY, T0);
        assertThat(StatusEvents.between(null, waitingForTwo)).hasSize(1);
        assertThat(StatusEvents.between(waitingForTwo, waitingForOne)).isEmpty();
        SystemSnapshot degradedA = new SystemSnapshot(SystemState.DEGRADED, "System Degraded: A restarting",
                List.of(), FolderCounts.EMPTY, T0);
        SystemSnapshot degradedAB = new SystemSnapshot(SystemState.DEGRADED, "System Degraded: A restarting, B restarting",
                List.of(), FolderCounts.EMPTY, T0);
        assertThat(StatusEvents.between(degradedA, degradedAB)).extracting(StatusEvent::details)
                .containsExactly("System Degraded: A restarting, B restarting");
    }

    @Test
    void disabledWatcherGetsOneRowWithItsReason() {
        SystemSnapshot a = new SystemSnapshot(SystemState.ONLINE, SystemSnapshot.ONLINE_MESSAGE,
                new ArrayList<>(List.of(new WatcherRow("Gmail Inbox Watcher", "Disabled", 0, null, "no token.json"))),
                FolderCounts.EMPTY, T0);
        assertThat(StatusEvents.between(null, a)).extracting(StatusEvent::details)
                .containsExactly(SystemSnapshot.ONLINE_MESSAGE, "Gmail Inbox Watcher: no token.json");
        assertThat(StatusEvents.between(a, a)).isEmpty();
    }
}

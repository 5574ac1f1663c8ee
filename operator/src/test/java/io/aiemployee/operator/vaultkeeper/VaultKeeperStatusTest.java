package io.aiemployee.operator.vaultkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.VaultReport;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.status.Conditions;
import io.aiemployee.operator.status.StatusAggregator;
import io.aiemployee.vault.dashboard.FolderCounts;
import io.aiemployee.vault.dashboard.SystemSnapshot;
import io.aiemployee.vault.dashboard.SystemState;
import io.aiemployee.vault.dashboard.WatcherRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts around the keeper: status → dashboard snapshot, status.vault, the status on deletion. */
class VaultKeeperStatusTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final FolderCounts COUNTS = new FolderCounts(1, 2, 3, 4, 5);

    static WatcherStatus running(String name, int restarts) {
        return new WatcherStatus(name, WatcherPhase.Running, name + "-1", restarts, null, null, null,
                restarts > 0 ? "2026-01-01T09:00:00Z" : null, null);
    }

    @Test
    void theKeeperIsListedButCountsNeitherInReadyNorInRestartsNorInTheSystemStatus() {
        WatcherStatus failingKeeper = new WatcherStatus("vault-keeper", WatcherPhase.BackingOff, "k-1", 3, 1, "boom",
                null, null, null);
        AIEmployeeStatus status = StatusAggregator.aggregate(1, false, 2, List.of(running("filesystem", 0),
                running("approval", 0)), failingKeeper, null, T0);
        assertThat(status.systemStatus()).isEqualTo(SystemStatus.Online);
        assertThat(status.readyWatchers()).isEqualTo("2/2");
        assertThat(status.restarts()).isZero();
        assertThat(status.watchers()).extracting(WatcherStatus::name).containsExactly("filesystem", "approval", "vault-keeper");
    }

    @Test
    void snapshotShowsTheStatusWithDisplayNamesAndTheCounts() {
        AIEmployeeStatus status = StatusAggregator.aggregate(1, false, 1, List.of(running("gmail", 2)),
                running("vault-keeper", 0), null, T0);
        SystemSnapshot snapshot = DashboardSnapshots.of(status, COUNTS, T0);
        assertThat(snapshot.state()).isEqualTo(SystemState.ONLINE);
        assertThat(snapshot.message()).isEqualTo("System Online: All Watchers Active");
        assertThat(snapshot.counts()).isEqualTo(COUNTS);
        assertThat(snapshot.watchers()).containsExactly(
                new WatcherRow("Gmail Inbox Watcher", "Running", 2, Instant.parse("2026-01-01T09:00:00Z"), null),
                new WatcherRow("Vault Keeper", "Running", 0, null, null));
        assertThat(DashboardSnapshots.of(null, COUNTS, T0).message()).isEqualTo(DashboardSnapshots.WAITING_MESSAGE);
    }

    @Test
    void sameContentIgnoresOnlyTheTime() {
        AIEmployeeStatus status = StatusAggregator.aggregate(1, false, 1, List.of(running("gmail", 0)), null, null, T0);
        SystemSnapshot a = DashboardSnapshots.of(status, COUNTS, T0);
        assertThat(DashboardSnapshots.sameContent(a, DashboardSnapshots.of(status, COUNTS, T0.plusSeconds(60)))).isTrue();
        assertThat(DashboardSnapshots.sameContent(a, DashboardSnapshots.of(status, FolderCounts.EMPTY, T0))).isFalse();
        assertThat(DashboardSnapshots.sameContent(null, a)).isFalse();
    }

    @Test
    void vaultReportReadsWhatTheKeeperWritesAndPatchesOnlyStatusVault() throws Exception {
        var report = new VaultReport(1, 2, 3, 4, 5, "2026-01-01T10:00:00Z", null);
        var patch = new ObjectMapper().readTree(report.asStatusMergePatch());
        assertThat(patch.fieldNames()).toIterable().containsExactly("status");
        assertThat(patch.get("status").fieldNames()).toIterable().containsExactly("vault");
        assertThat(patch.get("status").get("vault").has("offlineWrittenAt")).isFalse();
        var status = new AIEmployeeStatus(1L, SystemStatus.Online, "m", "1/1", 0, List.of(), List.of(),
                patch.get("status").get("vault"));
        assertThat(VaultReport.of(status)).contains(report);
        assertThat(VaultReport.of(null)).isEmpty();
    }

    @Test
    void deletingStopsTheWatchersKeepsTheKeeperAndTheVaultAndStartsTheTerminatingClockOnce() {
        var vault = new ObjectMapper().createObjectNode().put("pendingApproval", 2);
        AIEmployeeStatus online = StatusAggregator.aggregate(3, false, 2, List.of(running("filesystem", 1),
                running("approval", 0)), running("vault-keeper", 0), null, T0);
        online = new AIEmployeeStatus(online.observedGeneration(), online.systemStatus(), online.message(),
                online.readyWatchers(), online.restarts(), online.watchers(), online.conditions(), vault);

        AIEmployeeStatus deleting = StatusAggregator.deleting(3, online, T0.plusSeconds(5));
        assertThat(deleting.systemStatus()).isEqualTo(SystemStatus.Offline);
        assertThat(deleting.message()).isEqualTo("System Offline: AIEmployee Deleted");
        assertThat(deleting.readyWatchers()).isEqualTo("0/2");
        assertThat(deleting.restarts()).isEqualTo(1);
        assertThat(deleting.watchers()).extracting(WatcherStatus::phase)
                .containsExactly(WatcherPhase.Stopped, WatcherPhase.Stopped, WatcherPhase.Running);
        assertThat(deleting.watchers().get(0).podName()).isNull();
        assertThat(deleting.vault()).isEqualTo(vault);
        assertThat(deleting.condition(Conditions.TERMINATING)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:05Z");
        });
        // a later pass keeps the time the operator began
        AIEmployeeStatus again = StatusAggregator.deleting(3, deleting, T0.plusSeconds(20));
        assertThat(again).isEqualTo(deleting);
    }
}

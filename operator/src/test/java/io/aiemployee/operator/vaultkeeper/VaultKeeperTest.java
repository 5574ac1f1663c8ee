package io.aiemployee.operator.vaultkeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.VaultReport;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.status.StatusAggregator;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.vault.VaultFolder;
import io.aiemployee.watcher.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault-keeper program in-process against the mock API server (no operator: the test writes the
 * status the operator would), with a real Dashboard.md in a temporary vault.
 */
class VaultKeeperTest {

    static final String NS = OperatorHarness.NAMESPACE;
    static final String USER_TEXT = "# Alice's dashboard\n\nMy own notes: call the accountant on Monday.\n\n";

    @TempDir
    Path vault;
    OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = OperatorHarness.onMockServer(1);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static WatcherStatus watcher(String name, WatcherPhase phase, int restarts, String failure) {
        return new WatcherStatus(name, phase, "alice-" + name + "-1", restarts, failure == null ? null : 1, failure,
                null, null, null);
    }

    AIEmployee createWithStatus(String name, AIEmployeeStatus status) {
        harness.create(Employees.withAllWatchers(name, 30));
        return harness.client().resources(AIEmployee.class).inNamespace(NS).withName(name).editStatus(aie -> {
            aie.setStatus(status);
            return aie;
        });
    }

    static AIEmployeeStatus status(List<WatcherStatus> watchers, AIEmployeeStatus previous) {
        return StatusAggregator.aggregate(1, false, watchers.size(), watchers, previous, Instant.parse("2026-01-01T10:00:00Z"));
    }

    String dashboard() throws Exception {
        Path file = vault.resolve("Dashboard.md");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void createsTheFoldersAndWritesEveryStatusChangeIntoDashboardWithinTwoSecondsKeepingTheUsersText() throws Exception {
        Files.writeString(vault.resolve("Dashboard.md"), USER_TEXT);
        AIEmployeeStatus online = status(List.of(watcher("filesystem", WatcherPhase.Running, 0, null),
                watcher("approval", WatcherPhase.Running, 0, null)), null);
        createWithStatus("alice", online);

        try (var keeper = new RunningKeeper(harness.client(), NS, "alice", vault, harness.clock())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> dashboard().contains("System Online: All Watchers Active"));
            for (VaultFolder folder : VaultFolder.values()) {
                assertThat(vault.resolve(folder.dirName())).isDirectory();
            }
            String first = dashboard();
            assertThat(first).startsWith(USER_TEXT).contains("File System Watcher").contains("Approval Handler");

            // as the operator does: a JSON patch against what was read, carrying status.vault over
            AIEmployee read = harness.get("alice");
            AIEmployeeStatus degraded = status(List.of(watcher("filesystem", WatcherPhase.BackingOff, 1, "Traceback: boom"),
                    watcher("approval", WatcherPhase.Running, 0, null)), read.getStatus());
            read.getMetadata().setResourceVersion(null);
            long changedAt = System.nanoTime();
            harness.client().resource(read).editStatus(aie -> {
                aie.setStatus(degraded);
                return aie;
            });
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> dashboard().contains(degraded.message()));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt);
            assertThat(tookMillis).isLessThan(2000);

            String second = dashboard();
            assertThat(degraded.message()).startsWith("System Degraded:");
            assertThat(second).startsWith(USER_TEXT)
                    .contains("⚠ Degraded").contains("Traceback: boom")
                    .contains("System Online: All Watchers Active"); // the history keeps the earlier row
            assertThat(keeper.exit()).isNotDone();
        }
    }

    @Test
    void reportsTheFolderCountsInStatusVaultAndLeavesTheRestOfTheStatusAlone() throws Exception {
        AIEmployeeStatus online = status(List.of(watcher("filesystem", WatcherPhase.Running, 0, null)), null);
        createWithStatus("alice", online);
        Files.createDirectories(vault.resolve("Pending_Approval"));
        Files.writeString(vault.resolve("Pending_Approval/APPROVAL_invoice.md"), "pay?");
        Files.writeString(vault.resolve("Pending_Approval/APPROVAL_refund.md"), "refund?");

        try (var keeper = new RunningKeeper(harness.client(), NS, "alice", vault, harness.clock())) {
            AIEmployee reported = harness.awaitStatus("alice", Duration.ofSeconds(10),
                    s -> VaultReport.of(s).map(VaultReport::pendingApproval).orElse(-1) == 2);
            VaultReport report = VaultReport.of(reported.getStatus()).orElseThrow();
            assertThat(report.inbox()).isZero();
            assertThat(report.done()).isZero();
            assertThat(report.updatedAt()).isNotBlank();
            assertThat(report.offlineWrittenAt()).isNull();
            // only status.vault changed
            assertThat(reported.getStatus().message()).isEqualTo(online.message());
            assertThat(reported.getStatus().watchers()).isEqualTo(online.watchers());
            assertThat(reported.getStatus().conditions()).isEqualTo(online.conditions());

            Files.writeString(vault.resolve("Done/DONE_1.md"), "done");
            harness.awaitStatus("alice", Duration.ofSeconds(10),
                    s -> VaultReport.of(s).map(VaultReport::done).orElse(-1) == 1);
            assertThat(dashboard()).contains("Pending_Approval");
        }
    }

    @Test
    void withoutItsAIEmployeeItExitsWithTheConfigurationErrorCode() throws Exception {
        Files.writeString(vault.resolve("termination-log"), "");
        try (var keeper = new RunningKeeper(harness.client(), NS, null, vault, harness.clock())) {
            assertThat(keeper.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitCodes.CONFIG_ERROR);
        }
        assertThat(Files.readString(vault.resolve("termination-log"))).contains("AIEMPLOYEE_NAME");
    }
}

package io.aiemployee.operator.local;

import static io.aiemployee.watcher.WatcherKind.APPROVAL;
import static io.aiemployee.watcher.WatcherKind.FILESYSTEM;
import static io.aiemployee.watcher.WatcherKind.GMAIL;
import static io.aiemployee.watcher.WatcherKind.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aiemployee.watcher.WatcherKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator with real child processes (the {@link FakeWatcher} program). */
class LocalOrchestratorTest {

    @TempDir
    Path temp;

    private LocalOrchestrator orchestrator;

    @AfterEach
    void stop() {
        if (orchestrator != null) {
            orchestrator.stop();
        }
    }

    private WatcherView view(WatcherKind kind) {
        return LocalFixture.view(orchestrator, kind);
    }

    @Test
    void killMinusNineIsRestartedAfterTwoThenFourSeconds() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        orchestrator = new LocalOrchestrator(fx.settings());
        orchestrator.start();
        orchestrator.allHealthy().get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fx.dashboard())
                .contains("| System_Status | ✓ Online | System Online: All Watchers Active "
                        + "(disabled: Gmail Inbox Watcher, WhatsApp Watcher) |"));
        assertThat(view(GMAIL).state()).isEqualTo(WatcherState.DISABLED);
        assertThat(view(GMAIL).lastError()).contains("no token.json in");
        assertThat(view(WHATSAPP).lastError()).contains("Chromium not found");

        for (int restart = 1; restart <= 2; restart++) {
            long pid = view(FILESYSTEM).pid();
            long killedAt = System.currentTimeMillis();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            final int expected = restart;
            await().atMost(Duration.ofSeconds(60)).until(() -> view(FILESYSTEM).restarts() == expected
                    && view(FILESYSTEM).state() == WatcherState.RUNNING);
            List<Long> starts = fx.starts(FILESYSTEM);
            assertThat(starts).hasSize(restart + 1);
            long policyDelayMillis = restart == 1 ? 2000 : 4000;
            assertThat(starts.get(restart) - killedAt).as("restart #%d waited the backoff", restart)
                    .isGreaterThanOrEqualTo((long) (policyDelayMillis / LocalFixture.TIME_SCALE));
        }
        String log = fx.systemLog();
        assertThat(log).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d - Orchestrator - WARNING - "
                + "File System Watcher has died, restarting\\.\\.\\.")
                .contains(" - Orchestrator - INFO - Waiting 2s before restart...")
                .contains(" - Orchestrator - INFO - File System Watcher restarted successfully (restart #1)")
                .contains(" - Orchestrator - INFO - Waiting 4s before restart...")
                .contains(" - Orchestrator - INFO - File System Watcher restarted successfully (restart #2)");
        assertThat(log.indexOf("Waiting 2s")).isLessThan(log.indexOf("restart #1)"));
        assertThat(fx.console()).contains("File System Watcher restarted successfully (restart #2)")
                .contains("AI Employee Orchestrator Starting");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fx.dashboard())
                .contains("| Watcher_Restart | ↻ Restarted | File System Watcher restarted (restart #1) |")
                .contains("| Watcher_Restart | ↻ Restarted | File System Watcher restarted (restart #2) |")
                .contains("| File System Watcher | Running | 2 |"));
        assertThat(view(APPROVAL).restarts()).isZero();
    }

    @Test
    void exitSeventyEightIsReportedNotRestarted() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        fx.mode(APPROVAL, "exit 78 SMTP_HOST is not set");
        orchestrator = new LocalOrchestrator(fx.settings());
        orchestrator.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> view(APPROVAL).state() == WatcherState.CONFIG_ERROR);
        // ten times the first backoff: a restart would have happened by now
        Thread.sleep(10 * (long) (2000 / LocalFixture.TIME_SCALE));
        assertThat(fx.starts(APPROVAL)).hasSize(1);
        assertThat(view(APPROVAL).lastError()).isEqualTo("SMTP_HOST is not set");
        assertThat(view(APPROVAL).lastExitCode()).isEqualTo(78);
        assertThat(view(FILESYSTEM).state()).isEqualTo(WatcherState.RUNNING);
        assertThat(fx.systemLog()).contains("ERROR - Approval Handler stopped with a configuration error (exit code 78): "
                + "SMTP_HOST is not set. Not restarting it");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fx.dashboard())
                .contains("| ⚠ Degraded | System Degraded: Approval Handler configuration error |")
                .contains("| Approval Handler | ConfigError | 0 | - | SMTP_HOST is not set |"));
    }

    @Test
    void aHungWatcherIsKilledAndRestarted() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        fx.mode(FILESYSTEM, "hang-once");
        orchestrator = new LocalOrchestrator(fx.settings());
        orchestrator.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> view(FILESYSTEM).restarts() == 1
                && view(FILESYSTEM).state() == WatcherState.RUNNING);
        List<Long> pids = fx.pids(FILESYSTEM);
        assertThat(pids).hasSize(2);
        assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(fx.systemLog()).containsPattern("WARNING - File System Watcher is not responding "
                + "\\(no heartbeat for [\\d.]+s\\), restarting\\.\\.\\.")
                .contains("File System Watcher restarted successfully (restart #1)")
                .doesNotContain("File System Watcher has died");
    }

    @Test
    void aSecondOrchestratorOnTheSameVaultIsRefused() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        orchestrator = new LocalOrchestrator(fx.settings().withSelected(FILESYSTEM));
        orchestrator.start();
        orchestrator.allHealthy().get(60, TimeUnit.SECONDS);
        LocalOrchestrator second = new LocalOrchestrator(fx.settings().withSelected(FILESYSTEM));
        assertThatThrownBy(second::start).isInstanceOf(VaultLock.HeldElsewhereException.class)
                .hasMessageContaining("Another orchestrator is already running on the vault " + fx.vault.root())
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        assertThat(fx.starts(FILESYSTEM)).hasSize(1);
    }

    @Test
    void stopEndsEveryChildAndWritesTheOfflineRow() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        orchestrator = new LocalOrchestrator(fx.settings());
        orchestrator.start();
        orchestrator.allHealthy().get(60, TimeUnit.SECONDS);
        long fs = view(FILESYSTEM).pid();
        long approval = view(APPROVAL).pid();
        orchestrator.stop();
        assertThat(ProcessHandle.of(fs).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(approval).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(fx.stoppedCleanly(FILESYSTEM)).containsExactly(fs);
        assertThat(fx.stoppedCleanly(APPROVAL)).containsExactly(approval);
        String dashboard = fx.dashboard();
        int header = dashboard.indexOf("| Timestamp | Action | Status | Details |");
        String firstRow = dashboard.substring(header).lines().skip(2).findFirst().orElseThrow();
        assertThat(firstRow).endsWith("| System_Status | ✗ Offline | System Offline: Orchestrator Stopped |");
        // the lock is released: another orchestrator may start now
        orchestrator = new LocalOrchestrator(fx.settings().withSelected(FILESYSTEM));
        orchestrator.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.starts(FILESYSTEM).size() == 2);
    }
}

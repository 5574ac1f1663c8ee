package io.aiemployee.operator.local;

import static io.aiemployee.watcher.WatcherKind.APPROVAL;
import static io.aiemployee.watcher.WatcherKind.FILESYSTEM;
import static io.aiemployee.watcher.WatcherKind.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiemployee.vault.dashboard.SystemState;
import io.aiemployee.watcher.WatcherKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of local mode: system state, the status table, the status file and finding the vault. */
class LocalPureLogicTest {

    private static final Instant NOW = Instant.parse("2026-02-16T18:30:17Z");

    private static WatcherView w(WatcherKind kind, WatcherState state, int restarts) {
        return new WatcherView(kind, state, state == WatcherState.RUNNING ? 4242 : 0, restarts,
                restarts > 0 ? NOW.minusSeconds(300) : null, null, state == WatcherState.DISABLED ? "no token.json" : null);
    }

    @Test
    void systemStateFollowsTheWatchers() {
        assertThat(SystemStateRule.of(List.of(w(FILESYSTEM, WatcherState.RUNNING, 0), w(APPROVAL, WatcherState.RUNNING, 0)),
                false)).isEqualTo(new SystemStateRule.Verdict(SystemState.ONLINE, "System Online: All Watchers Active"));
        assertThat(SystemStateRule.of(List.of(w(FILESYSTEM, WatcherState.RUNNING, 0), w(GMAIL, WatcherState.DISABLED, 0)),
                false).message()).isEqualTo("System Online: All Watchers Active (disabled: Gmail Inbox Watcher)");
        assertThat(SystemStateRule.of(List.of(w(FILESYSTEM, WatcherState.PENDING, 0), w(APPROVAL, WatcherState.RUNNING, 0)),
                false)).isEqualTo(new SystemStateRule.Verdict(SystemState.PENDING,
                        "System Starting: Waiting for File System Watcher"));
        assertThat(SystemStateRule.of(List.of(w(FILESYSTEM, WatcherState.PENDING, 1), w(APPROVAL, WatcherState.CONFIG_ERROR, 0)),
                false)).isEqualTo(new SystemStateRule.Verdict(SystemState.DEGRADED,
                        "System Degraded: File System Watcher restarting, Approval Handler configuration error"));
        assertThat(SystemStateRule.of(List.of(w(GMAIL, WatcherState.DISABLED, 0)), false).state())
                .isEqualTo(SystemState.DEGRADED);
        assertThat(SystemStateRule.of(List.of(w(FILESYSTEM, WatcherState.RUNNING, 0)), true))
                .isEqualTo(new SystemStateRule.Verdict(SystemState.OFFLINE, "System Offline: Orchestrator Stopped"));
    }

    @Test
    void statusTableLooksLikeKubectlGet() {
        LocalStatus status = new LocalStatus(77, "/v", NOW.minusSeconds(3), "Online", "System Online: All Watchers Active",
                List.of(w(FILESYSTEM, WatcherState.RUNNING, 2), w(GMAIL, WatcherState.DISABLED, 0)));
        assertThat(StatusTable.render(status, true, NOW)).isEqualTo("""
                SYSTEM: Online (System Online: All Watchers Active)
                ORCHESTRATOR PID: 77, updated 3s ago

                NAME         STATE      PID    RESTARTS   LAST RESTART   LAST ERROR
                filesystem   Running    4242   2          5m ago         -
                gmail        Disabled   -      0          -              no token.json
                """);
        assertThat(StatusTable.render(status, false, NOW)).startsWith(
                "SYSTEM: Offline (no orchestrator is running on this vault)\n\n")
                .contains("filesystem   Stopped    -     2");
        assertThat(StatusTable.age(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(StatusTable.age(Duration.ofDays(3))).isEqualTo("3d");
    }

    @Test
    void statusFileRoundTrips(@TempDir Path dir) throws Exception {
        LocalStatus status = new LocalStatus(77, "/v", NOW, "Degraded", "System Degraded: x: y",
                List.of(new WatcherView(FILESYSTEM, WatcherState.BACKING_OFF, 0, 3, NOW, 137, "exited with code 137"),
                        w(GMAIL, WatcherState.DISABLED, 0)));
        Path file = dir.resolve("status.yaml");
        status.writeTo(file);
        assertThat(LocalStatus.readFrom(file)).isEqualTo(status);
    }

    @Test
    void findsTheRepositoryVaultFromAnywhereInTheCheckout(@TempDir Path repo) throws Exception {
        Path vault = Files.createDirectories(repo.resolve("AI_Employee_Vault"));
        Path deep = Files.createDirectories(repo.resolve("operator/src/main"));
        assertThat(VaultLocator.find(deep)).contains(vault);
        assertThat(VaultLocator.resolve(null, repo, null)).isEqualTo(vault);
        assertThat(VaultLocator.resolve(Path.of("elsewhere"), repo, null)).isEqualTo(Path.of("elsewhere").toAbsolutePath());
        Files.createDirectories(vault.resolve("Needs_Action"));
        Files.writeString(vault.resolve("Dashboard.md"), "# d\n");
        assertThat(VaultLocator.find(vault)).contains(vault);
    }

    @Test
    void noVaultAnywhereGivesAClearMessage(@TempDir Path empty) {
        assertThat(VaultLocator.resolve(null, empty, empty.toString())).isEqualTo(empty);
        assertThatThrownBy(() -> VaultLocator.resolve(null, empty, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no AI_Employee_Vault folder found in " + empty)
                .hasMessageContaining("aiemployee run PATH");
    }

    @Test
    void credentialsDecideWhichWatchersAreDisabled(@TempDir Path dir) throws Exception {
        Path chromium = Files.writeString(dir.resolve("chromium"), "#!/bin/sh\n");
        chromium.toFile().setExecutable(true);
        Credentials credentials = new Credentials(dir.resolve("gmail"), dir.resolve("session"), chromium);
        assertThat(credentials.missing(FILESYSTEM)).isEmpty();
        assertThat(credentials.missing(GMAIL)).contains("no token.json in " + dir.resolve("gmail")
                + " (run: watcher gmail setup)");
        assertThat(credentials.missing(WatcherKind.WHATSAPP).orElseThrow()).startsWith("no WhatsApp session in ");
        Files.createDirectories(dir.resolve("gmail"));
        Files.writeString(dir.resolve("gmail/token.json"), "{}");
        Files.createDirectories(dir.resolve("session/Default"));
        assertThat(credentials.missing(GMAIL)).isEmpty();
        assertThat(credentials.missing(WatcherKind.WHATSAPP)).isEmpty();
        assertThat(credentials.environmentFor(GMAIL)).containsEntry("GMAIL_CREDENTIALS_DIR", dir.resolve("gmail").toString());
    }
}

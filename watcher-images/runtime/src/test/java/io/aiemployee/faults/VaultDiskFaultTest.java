package io.aiemployee.faults;

import static io.aiemployee.faults.VaultFiles.checksums;
import static io.aiemployee.faults.VaultFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.filesystem.FilesystemWatcher;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault on a full disk and on a read-only disk: a 1 MiB tmpfs mounted for the test (needs root and
 * a kernel that allows it; skipped otherwise, never faked). The filesystem watcher must report the
 * error, keep every existing file byte for byte, leave no partial file behind, and catch up once space
 * is back; the Dashboard.md writer must report the error and leave the user's file as it was.
 */
class VaultDiskFaultTest {

    static final FilesystemWatcher.Settings FAST =
            new FilesystemWatcher.Settings(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(200));

    @TempDir
    Path temp;
    TinyDisk disk;
    Path mountPoint;
    CapturedLogs logs;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = TinyDisk.mountAt(temp.resolve("disk"));
        mountPoint = disk.root();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void unmount() throws Exception {
        if (logs != null) {
            logs.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void fullDiskReportsTheErrorLosesNothingAndCatchesUpWhenSpaceIsBack() throws Exception {
        VaultLayout vault = VaultLayout.at(mountPoint.resolve("vault")).ensureFolders();
        VaultFiles.writeUserFiles(vault);
        Map<String, String> before = checksums(vault.root());

        // fill the disk so that the dropped file fits, but its copy into Needs_Action does not
        byte[] dropped = new byte[200 * 1024];
        new java.util.Random(7).nextBytes(dropped);
        Path filler = mountPoint.resolve("filler.bin");
        long free = disk.usableSpace();
        TinyDisk.fill(filler, free - dropped.length - 16 * 1024);
        Path inboxFile = vault.inbox().resolve("contract.pdf");
        Files.write(inboxFile, dropped);

        try (RunningWatcher watcher = RunningWatcher.start(new FilesystemWatcher(FAST),
                WatcherOptions.forVault(vault.root()).terminationLog(temp.resolve("termination-log")))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(logs.messages()).anyMatch(m -> m.contains("contract.pdf") && m.contains("No space left on device")));
            assertThat(watcher.exited()).as("the watcher keeps running on a full disk").isFalse();
            assertThat(Files.readAllBytes(inboxFile)).as("the dropped file is still in the Inbox, intact").isEqualTo(dropped);
            assertThat(checksums(vault.root())).as("existing files unchanged, no partial file left")
                    .containsAllEntriesOf(before)
                    .containsOnlyKeys(with(before, "Inbox/contract.pdf", sha256(dropped)).keySet().toArray(String[]::new));
        }

        // space is back: the next start handles the file
        Files.delete(filler);
        try (RunningWatcher watcher = RunningWatcher.start(new FilesystemWatcher(FAST),
                WatcherOptions.forVault(vault.root()).terminationLog(temp.resolve("termination-log")))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Stream<Path> files = Files.list(vault.needsAction())) {
                    assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.contains("contract") && n.endsWith(".md"));
                }
            });
        }
        assertThat(checksums(vault.root())).containsAllEntriesOf(before);
    }

    @Test
    void readOnlyDiskReportsTheErrorAndLosesNothing() throws Exception {
        VaultLayout vault = VaultLayout.at(mountPoint.resolve("vault")).ensureFolders();
        VaultFiles.writeUserFiles(vault);
        byte[] dropped = "please file this\n".getBytes(StandardCharsets.UTF_8);
        Files.write(vault.inbox().resolve("note.txt"), dropped);
        Map<String, String> before = checksums(vault.root());
        disk.remountReadOnly();

        // like /dev/termination-log in a pod: the watcher writes its reason only into an existing file
        Path terminationLog = Files.createFile(temp.resolve("termination-log"));
        RunningWatcher watcher = RunningWatcher.start(new FilesystemWatcher(FAST),
                WatcherOptions.forVault(vault.root()).terminationLog(terminationLog));
        // either it refuses to run (a clear reason in the termination message), or it runs and reports
        // every file it cannot handle; both are acceptable, losing or changing a file is not
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.exited()
                || logs.messages().stream().anyMatch(m -> m.contains("Read-only file system")));
        if (watcher.exited()) {
            int code = watcher.stop();
            assertThat(code).isIn(ExitCodes.CRASH, ExitCodes.CONFIG_ERROR);
            String reason = Files.readString(terminationLog);
            System.out.println("VaultDiskFaultTest: read-only vault, exit code " + code + ", reason: " + reason.strip());
            assertThat(reason).contains("Read-only file system");
        } else {
            watcher.stop();
        }
        assertThat(checksums(vault.root())).as("nothing lost or changed on the read-only vault").isEqualTo(before);
    }

    @Test
    void dashboardWriterOnAFullDiskReportsTheErrorAndLeavesTheUsersFileAsItWas() throws Exception {
        VaultLayout vault = VaultLayout.at(mountPoint.resolve("vault")).ensureFolders();
        VaultFiles.writeUserFiles(vault);
        // the user's Dashboard.md is large enough that the rewritten file cannot fit beside it
        String userText = "# Dashboard\n" + "my own notes, line after line\n".repeat(12_000);
        Files.writeString(vault.dashboard(), userText);
        Map<String, String> before = checksums(vault.root());
        disk.fillCompletely(mountPoint.resolve("filler.bin"));

        var writer = io.aiemployee.vault.dashboard.DashboardWriter.forVault(vault);
        var snapshot = new io.aiemployee.vault.dashboard.SystemSnapshot(io.aiemployee.vault.dashboard.SystemState.ONLINE,
                io.aiemployee.vault.dashboard.SystemSnapshot.ONLINE_MESSAGE, java.util.List.of(),
                io.aiemployee.vault.dashboard.FolderCounts.EMPTY, java.time.Instant.parse("2026-11-30T12:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(snapshot, java.util.List.of()))
                .as("the full disk is reported to the caller").isInstanceOf(IOException.class);
        assertThat(Files.readString(vault.dashboard())).as("the user's Dashboard.md is untouched").isEqualTo(userText);
        assertThat(checksums(vault.root())).as("nothing lost").isEqualTo(before);
        try (Stream<Path> files = Files.walk(vault.root())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left behind").noneMatch(n -> n.startsWith(io.aiemployee.vault.AtomicFiles.TEMP_PREFIX));
        }
    }

    @Test
    void dashboardWriterOnAReadOnlyDiskReportsTheErrorAndChangesNothing() throws Exception {
        VaultLayout vault = VaultLayout.at(mountPoint.resolve("vault")).ensureFolders();
        VaultFiles.writeUserFiles(vault);
        Map<String, String> before = checksums(vault.root());
        disk.remountReadOnly();

        var writer = io.aiemployee.vault.dashboard.DashboardWriter.forVault(vault);
        var snapshot = new io.aiemployee.vault.dashboard.SystemSnapshot(io.aiemployee.vault.dashboard.SystemState.ONLINE,
                io.aiemployee.vault.dashboard.SystemSnapshot.ONLINE_MESSAGE, java.util.List.of(),
                io.aiemployee.vault.dashboard.FolderCounts.EMPTY, java.time.Instant.parse("2026-11-30T12:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(snapshot, java.util.List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("Read-only file system");
        assertThat(checksums(vault.root())).isEqualTo(before);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        var copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }
}

package io.aiemployee.faults;

import static io.aiemployee.faults.VaultFiles.checksums;
import static io.aiemployee.watcher.approval.Approvals.auditLines;
import static io.aiemployee.watcher.approval.Approvals.email;
import static io.aiemployee.watcher.approval.Approvals.files;
import static io.aiemployee.watcher.approval.Approvals.place;
import static io.aiemployee.watcher.approval.Approvals.post;
import static io.aiemployee.watcher.approval.Approvals.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.approval.ApprovalHandler;
import io.aiemployee.watcher.approval.AuditLog;
import io.aiemployee.watcher.approval.SmtpSettings;
import io.aiemployee.watcher.testing.RecordingHttpServer;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval handler on a full and on a read-only vault (a 1 MiB tmpfs, see {@link TinyDisk}), run
 * through the real {@code WatcherRunner}. Execution is observed where it happens: http_post approvals
 * go to a real local HTTP server that counts requests. On a full disk the handler reports the error,
 * keeps running, takes no new approval while an outcome is unrecorded, executes nothing twice, and
 * records the outcome once space is back; on a read-only disk it stops with the reason and changes
 * nothing. Every user file is compared by checksum.
 */
class ApprovalDiskFaultTest {

    /** A fixed clock, so the audit file's name (its UTC date) is known. */
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration POLL = Duration.ofMillis(20);
    static final Duration SETTLE = Duration.ofMillis(50);

    @TempDir
    Path temp;
    TinyDisk disk;
    CapturedLogs logs;
    VaultLayout vault;
    RecordingHttpServer http;
    Path terminationLog;
    Path auditFile;

    @BeforeEach
    void setUp() throws Exception {
        disk = TinyDisk.mountAt(temp.resolve("disk"));
        vault = VaultLayout.at(disk.root().resolve("vault")).ensureFolders();
        VaultFiles.writeUserFiles(vault);
        place(vault.pendingApproval(), "EMAIL_draft.md", email("boss@example.com", "Not yet", "waiting for a human"));
        auditFile = new AuditLog(vault, Clock.systemUTC()).file(NOW);
        // like /dev/termination-log in a pod: the runner writes the reason only into an existing file
        terminationLog = Files.createFile(temp.resolve("termination-log"));
        http = new RecordingHttpServer();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (logs != null) {
            logs.close();
        }
        if (http != null) {
            http.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void fullDiskInDryRunReportsKeepsRunningLosesNothingAndRecordsOnceSpaceIsBack() throws Exception {
        place(vault.approved(), "EMAIL_client.md", email("client@example.com", "Invoice #42", "Please find..."));
        place(vault.approved(), "POST_hook.md", post(http.url("/hook"), Map.of("invoice", 42)));
        Map<String, String> before = checksums(vault.root());
        Path filler = fillTheDisk();

        ApprovalHandler approvals = handler(true, SETTLE);
        try (RunningWatcher running = start(approvals)) {
            // the claim is a rename (no space needed); writing the outcome into the file is what fails
            awaitReportedAndStillRunning(running, "EMAIL_client.md");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !running.exited()
                    && Files.exists(vault.approved().resolve("POST_hook.md")));
            assertThat(checksums(vault.root()))
                    .as("the claimed approval is unchanged in In_Progress/; the next one was not taken; nothing else changed")
                    .isEqualTo(moved(before, "Approved/EMAIL_client.md",
                            vault.root().relativize(vault.claimedBy(approvals.handlerId()).resolve("EMAIL_client.md")).toString()));
            assertNoTemporaryFiles();
            assertThat(auditFile).as("no audit line (and no half line) while the disk is full").doesNotExist();
            assertThat(logs.messages()).as("reported once, not at every retry")
                    .filteredOn(m -> m.startsWith("Cannot record the outcome")).hasSize(1);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 2);
        }
        ActionDocument done = read(vault.done().resolve("EMAIL_client.md"));
        assertThat(done.fields()).containsEntry("status", "done").containsEntry("dry_run", true)
                .containsEntry("handled_by", approvals.handlerId());
        assertThat(done.body()).isEqualTo("# Approval\n\nPlease do this.\n");
        assertThat(auditLines(vault)).as("one audit line per approval, none twice").hasSize(2)
                .allSatisfy(line -> assertThat(json(line).get("decision").asText()).isEqualTo("dry_run"))
                .extracting(line -> json(line).get("file").asText()).containsExactly("EMAIL_client.md", "POST_hook.md");
        assertThat(http.requests()).as("a dry run executes nothing").isEmpty();
        assertThat(files(vault.failed())).isEmpty();
        assertThat(inProgress()).as("nothing left in In_Progress/").isEmpty();
        assertThat(checksums(vault.root())).containsAllEntriesOf(without(before, "Approved/"));
    }

    @Test
    void fullDiskInLiveModeExecutesEachApprovalOnceAndRecordsTheResultOnceSpaceIsBack() throws Exception {
        place(vault.approved(), "POST_pay.md", post(http.url("/pay"), Map.of("amount", 100)));
        place(vault.approved(), "POST_second.md", post(http.url("/pay"), Map.of("amount", 200)));
        byte[] approved = Files.readAllBytes(vault.approved().resolve("POST_pay.md"));
        Path filler = fillTheDisk();

        ApprovalHandler approvals = handler(false, SETTLE);
        try (RunningWatcher running = start(approvals)) {
            // the action runs before its outcome is written: the write is where the full disk shows
            awaitReportedAndStillRunning(running, "POST_pay.md");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !running.exited()
                    && http.requests().size() == 1 && Files.exists(vault.approved().resolve("POST_second.md")));
            assertThat(Files.readAllBytes(vault.claimedBy(approvals.handlerId()).resolve("POST_pay.md")))
                    .as("the executed approval waits unchanged in In_Progress/").isEqualTo(approved);
            assertThat(auditFile).doesNotExist();

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 2);
        }
        assertThat(http.requests()).as("each approval executed exactly once").hasSize(2)
                .extracting(r -> json(r.body()).get("amount").asInt()).containsExactly(100, 200);
        ActionDocument done = read(vault.done().resolve("POST_pay.md"));
        assertThat(done.fields()).containsEntry("status", "done").containsEntry("dry_run", false);
        assertThat(((Map<?, ?>) done.fields().get("result")).get("http_status"))
                .as("the result known while the disk was full is the one recorded").isEqualTo(200);
        assertThat(auditLines(vault)).hasSize(2)
                .allSatisfy(line -> assertThat(json(line).get("decision").asText()).isEqualTo("executed"))
                .extracting(line -> json(line).get("file").asText()).containsExactly("POST_pay.md", "POST_second.md");
        assertThat(files(vault.failed())).isEmpty();
        assertThat(inProgress()).isEmpty();
    }

    @Test
    void aHandlerStoppedBeforeSpaceIsBackLeavesTheApprovalToTheNextOneAsInterrupted() throws Exception {
        place(vault.approved(), "POST_pay.md", post(http.url("/pay"), Map.of("amount", 100)));
        byte[] approved = Files.readAllBytes(vault.approved().resolve("POST_pay.md"));
        Path filler = fillTheDisk();

        ApprovalHandler first = handler(false, SETTLE);
        try (RunningWatcher running = start(first)) {
            awaitReportedAndStillRunning(running, "POST_pay.md");
        } // stopped (exit 0 checked by close) with the outcome unrecorded
        assertThat(logs.contains(first.handlerId() + " stopped before it could record the outcome of POST_pay.md")).isTrue();
        assertThat(Files.readAllBytes(vault.claimedBy(first.handlerId()).resolve("POST_pay.md"))).isEqualTo(approved);

        Files.delete(filler);
        try (RunningWatcher next = start(handler(false, SETTLE))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.failed()).size() == 1);
        }
        assertThat(read(vault.failed().resolve("POST_pay.md")).fields())
                .containsEntry("error", ApprovalHandler.INTERRUPTED);
        assertThat(http.requests()).as("executed by the first handler, never again").hasSize(1);
        assertThat(auditLines(vault)).singleElement()
                .satisfies(line -> assertThat(json(line).get("decision").asText()).isEqualTo("interrupted"));
        assertThat(inProgress()).isEmpty();
    }

    @Test
    void anAuditLineThatDoesNotFitLeavesNoHalfLineAndIsWrittenOnceSpaceIsBack() throws Exception {
        // an append writes the 40 bytes left in the last block, then fails (a short write)
        String line = earlierAuditLineLeaving(40);
        place(vault.rejected(), "EMAIL_no.md", email("x@example.com", "No", "no"));
        byte[] rejected = Files.readAllBytes(vault.rejected().resolve("EMAIL_no.md"));
        Path filler = fillTheDisk();

        try (RunningWatcher running = start(handler(true, SETTLE))) {
            awaitReportedAndStillRunning(running, "EMAIL_no.md");
            assertThat(Files.readString(auditFile)).as("the audit file as it was: no half line").isEqualTo(line);
            assertThat(Files.readAllBytes(vault.rejectedArchive().resolve("EMAIL_no.md"))).isEqualTo(rejected);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> auditLines(vault).size() == 2);
        }
        List<String> lines = auditLines(vault);
        assertThat(lines.get(0) + "\n").isEqualTo(line);
        assertThat(json(lines.get(1)).get("decision").asText()).isEqualTo("rejected");
        assertThat(json(lines.get(1)).get("file").asText()).isEqualTo("EMAIL_no.md");
        assertThat(Files.readAllBytes(vault.rejectedArchive().resolve("EMAIL_no.md"))).isEqualTo(rejected);
    }

    @Test
    void aMalformedApprovalOnAFullDiskGoesToFailedAndGetsItsReasonNoteOnceSpaceIsBack() throws Exception {
        // the audit line fits in the audit file's last block; the reason note needs a new block
        String earlier = earlierAuditLineLeaving(1000);
        byte[] broken = {'-', '-', '-', '\n', (byte) 0xff, (byte) 0xfe, 'a', '\n', '-', '-', '-', '\n'};
        Files.write(vault.approved().resolve("EMAIL_broken.md"), broken);
        Path filler = fillTheDisk();
        Path note = vault.failed().resolve("EMAIL_broken.md.reason.md");

        try (RunningWatcher running = start(handler(true, SETTLE))) {
            awaitReportedAndStillRunning(running, "EMAIL_broken.md");
            assertThat(Files.readAllBytes(vault.failed().resolve("EMAIL_broken.md"))).as("in Failed/, byte for byte").isEqualTo(broken);
            assertThat(note).as("the note cannot be written yet").doesNotExist();
            assertNoTemporaryFiles();

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(note));
        }
        assertThat(read(note).text("error")).isEqualTo("the file is not UTF-8 text");
        assertThat(Files.readAllBytes(vault.failed().resolve("EMAIL_broken.md"))).isEqualTo(broken);
        List<String> lines = auditLines(vault);
        assertThat(lines.get(0) + "\n").isEqualTo(earlier);
        assertThat(lines).as("the audit line, written before the disk was found full, is not written again").hasSize(2);
        assertThat(json(lines.get(1)).get("decision").asText()).isEqualTo("failed");
        assertThat(inProgress()).isEmpty();
    }

    @Test
    void readOnlyVaultTheHandlerRefusesToStartWithTheReasonExecutesNothingAndChangesNothing() throws Exception {
        // a vault the handler has worked on before: its state folder, a Done file, an audit line
        place(vault.approved(), "POST_first.md", post(http.url("/pay"), Map.of("amount", 1)));
        try (RunningWatcher running = start(handler(true, SETTLE))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
        }
        place(vault.approved(), "POST_pay.md", post(http.url("/pay"), Map.of("amount", 100)));
        place(vault.rejected(), "EMAIL_no.md", email("x@example.com", "No", "no"));
        Map<String, String> before = checksums(vault.root());
        byte[] audit = Files.readAllBytes(auditFile);
        disk.remountReadOnly();

        RunningWatcher running = start(handler(false, SETTLE));
        await().atMost(Duration.ofSeconds(10)).until(running::exited);
        assertThat(running.stop()).isEqualTo(ExitCodes.CRASH);
        assertThat(Files.readString(terminationLog)).as("the reason, for the operator to show")
                .startsWith("Approval Handler crashed").contains("Read-only file system");
        assertThat(http.requests()).as("nothing executed on the read-only vault").isEmpty();
        assertThat(checksums(vault.root())).isEqualTo(before);
        assertThat(Files.readAllBytes(auditFile)).isEqualTo(audit);
    }

    @Test
    void aVaultTurningReadOnlyUnderARunningHandlerStopsItNamingTheApprovalItCouldNotClaim() throws Exception {
        place(vault.approved(), "POST_pay.md", post(http.url("/pay"), Map.of("amount", 100)));
        Map<String, String> before = checksums(vault.root());
        // the handler's own log and lock file stay writable: they are open for writing while it runs
        disk.keepWritable(vault.logs());
        disk.keepWritable(Files.createDirectories(vault.stateDir(WatcherKind.APPROVAL.id())));
        // the approval settles only after 2 s: time enough to make the vault read-only before the claim
        RunningWatcher running = start(handler(false, Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.contains("ready"));
        disk.makeMountReadOnly();
        assertThat(vault.approved().resolve("POST_pay.md")).as("read-only before the handler took the approval").exists();

        await().atMost(Duration.ofSeconds(10)).until(running::exited);
        assertThat(running.stop()).isEqualTo(ExitCodes.CRASH);
        assertThat(Files.readString(terminationLog)).as("the reason names the approval it could not claim")
                .startsWith("Approval Handler crashed").contains("POST_pay.md").contains("Read-only file system");
        assertThat(http.requests()).isEmpty();
        assertThat(checksums(vault.root())).isEqualTo(before);
    }

    /**
     * Writes an earlier decision of the day into the audit file, long enough that only {@code free}
     * bytes are left in the file's last block (on a full disk, what an append can still write).
     */
    private String earlierAuditLineLeaving(int free) throws Exception {
        long block = Files.getFileStore(disk.root()).getBlockSize();
        String line = "{\"time\":\"2026-11-30T09:00:00Z\",\"file\":\"EMAIL_earlier.md\",\"action\":\"send_email\","
                + "\"decision\":\"dry_run\",\"result\":\"%s\",\"handler\":\"approval-00000000\"}\n";
        line = String.format(line, "x".repeat((int) (block - free - String.format(line, "").length())));
        Files.createDirectories(auditFile.getParent());
        Files.writeString(auditFile, line);
        assertThat(Files.size(auditFile)).isEqualTo(block - free);
        return line;
    }

    /** Fills the disk to the last byte; deleting the returned file gives the space back. */
    private Path fillTheDisk() throws Exception {
        Path filler = disk.root().resolve("filler.bin");
        disk.fillCompletely(filler);
        return filler;
    }

    /** Waits until the full disk is reported for {@code file}, and checks that the handler did not stop. */
    private void awaitReportedAndStillRunning(RunningWatcher running, String file) {
        await().atMost(Duration.ofSeconds(10)).until(() -> running.exited() || logs.contains(file, "No space left on device"));
        assertThat(running.exited()).as("the handler keeps running on a full disk").isFalse();
    }

    private RunningWatcher start(ApprovalHandler approvals) {
        return RunningWatcher.start(approvals, WatcherOptions.forVault(vault.root()).terminationLog(terminationLog),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ApprovalHandler handler(boolean dryRun, Duration settle) throws Exception {
        return ApprovalHandler.withStandardActions(new ApprovalHandler.Settings(dryRun, POLL, settle),
                SmtpSettings.load(null, Map.of()));
    }

    private List<Path> inProgress() throws Exception {
        try (Stream<Path> files = Files.walk(vault.inProgress())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private void assertNoTemporaryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(vault.root())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left behind").noneMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX));
        }
    }

    private static Map<String, String> moved(Map<String, String> checksums, String from, String to) {
        Map<String, String> copy = new TreeMap<>(checksums);
        copy.put(to, copy.remove(from));
        return copy;
    }

    private static Map<String, String> without(Map<String, String> checksums, String prefix) {
        Map<String, String> copy = new TreeMap<>(checksums);
        copy.keySet().removeIf(k -> k.startsWith(prefix));
        return copy;
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}

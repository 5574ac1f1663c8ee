package io.aiemployee.watcher.approval;

import static io.aiemployee.watcher.approval.Approvals.files;
import static io.aiemployee.watcher.approval.Approvals.place;
import static io.aiemployee.watcher.approval.Approvals.post;
import static io.aiemployee.watcher.approval.Approvals.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.WatcherMain;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.testing.RecordingHttpServer;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval handler as a real process: killed in the middle of an action, and misconfigured. */
class ApprovalCrashTest {

    @TempDir
    Path root;

    @Test
    void aHandlerKilledWhileExecutingLeavesAFailedFileThatIsNeverRetried() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        try (RecordingHttpServer http = new RecordingHttpServer()) {
            http.holdResponses(); // the webhook takes its time: the handler is killed while waiting
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), WatcherMain.class.getName(),
                    "approval", "--vault", vault.root().toString(), "--dry-run=false",
                    "--poll-interval-ms", "20", "--stable-ms", "30", "--smtp-secret-dir", root.resolve("none").toString()))
                    .redirectErrorStream(true).redirectOutput(root.resolve("child.out").toFile()).start();
            try {
                place(vault.approved(), "POST_payment.md", post(http.url("/pay"), Map.of("amount", 100)));
                await().atMost(Duration.ofSeconds(30)).until(() -> http.requests().size() == 1);
                child.destroyForcibly(); // SIGKILL: no chance to record anything
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            http.release();
            assertThat(files(vault.failed())).isEmpty();

            try (RunningWatcher next = RunningWatcher.start(ApprovalHandler.withStandardActions(
                    new ApprovalHandler.Settings(false, Duration.ofMillis(20), Duration.ofMillis(30)),
                    SmtpSettings.load(null, Map.of())), WatcherOptions.forVault(vault.root()))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.failed()).size() == 1);
                Thread.sleep(300);
            }
            assertThat(read(vault.failed().resolve("POST_payment.md")).fields())
                    .containsEntry("status", "failed").containsEntry("error", ApprovalHandler.INTERRUPTED);
            assertThat(http.requests()).as("executed once, before the kill; never again").hasSize(1);
            assertThat(files(vault.done())).isEmpty();
            try (var folders = Files.list(vault.inProgress())) {
                assertThat(folders.toList()).as("only live handlers keep a folder; none is left").isEmpty();
            }
        }
    }

    @Test
    void aHalfConfiguredSmtpSecretExits78WithTheReason() throws Exception {
        Path secret = Files.createDirectories(root.resolve("smtp"));
        Files.writeString(secret.resolve("password"), "s3cret");
        Path terminationLog = Files.createFile(root.resolve("termination-log"));
        int code = WatcherMain.execute("approval", "--vault", root.resolve("vault").toString(),
                "--smtp-secret-dir", secret.toString(), "--termination-log", terminationLog.toString());
        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).contains("host is missing").doesNotContain("s3cret");
    }
}

package io.aiemployee.watcher.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.testing.WatcherProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watcher gmail ...} as a real process: the plugin is found, the runner maps outcomes to exit codes. */
class GmailWatcherProcessTest {

    @TempDir
    Path dir;
    FakeGmailServer gmail;
    Path vault;
    Path secrets;

    @BeforeEach
    void start() throws Exception {
        gmail = new FakeGmailServer();
        vault = dir.resolve("vault");
        secrets = Files.createDirectories(dir.resolve("secrets"));
    }

    @AfterEach
    void stop() {
        gmail.close();
    }

    @Test
    void runsFromTheEnvironmentAPodSetsAndStopsCleanlyOnSigterm() throws Exception {
        GmailWatcherTest.writeToken(secrets, gmail.tokenUri(), "ya29.stale", Instant.now().minusSeconds(60));
        gmail.add(new FakeMail("p1").subject("Invoice overdue").plain("Please pay"));
        Path heartbeat = dir.resolve("gmail.heartbeat");

        Process process = WatcherProcess.start(dir.resolve("gmail.out"), Map.of(
                "VAULT_PATH", vault.toString(),
                "HEARTBEAT_FILE", heartbeat.toString(),
                "GMAIL_CREDENTIALS_DIR", secrets.toString(),
                "GMAIL_QUERY", "is:unread",
                "GMAIL_POLL_INTERVAL_SECONDS", "1",
                "GMAIL_API_ROOT_URL", gmail.rootUrl()), List.of("gmail"));
        try {
            Path actionFile = vault.resolve("Needs_Action/EMAIL_p1.md");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(actionFile));
            assertThat(Files.readString(actionFile)).contains("priority: high", "subject: Invoice overdue");
            assertThat(gmail.requests).anyMatch(r -> r.contains("q=is:unread&") || r.endsWith("q=is:unread"));
            assertThat(heartbeat).exists();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readString(vault.resolve("Logs/Gmail Inbox Watcher.log"))).contains("Gmail Inbox Watcher stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aRevokedTokenExits78WithTheReasonInTheTerminationLog() throws Exception {
        GmailWatcherTest.writeToken(secrets, gmail.tokenUri(), "ya29.stale", Instant.now().minusSeconds(60));
        gmail.revoked = true;
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));

        Process process = WatcherProcess.start(dir.resolve("gmail.out"), Map.of("TERMINATION_LOG", terminationLog.toString()),
                List.of("gmail", "--vault", vault.toString(), "--credentials-dir", secrets.toString(),
                        "--api-root-url", gmail.rootUrl()));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).isEqualTo("Gmail token expired or revoked: run `watcher gmail setup`\n");
        assertThat(Files.readString(dir.resolve("gmail.out"))).contains("Gmail token expired or revoked");
    }

    @Test
    void missingCredentialsExit78() throws Exception {
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        Process process = WatcherProcess.start(dir.resolve("gmail.out"), Map.of("TERMINATION_LOG", terminationLog.toString()),
                List.of("gmail", "--vault", vault.toString(), "--credentials-dir", secrets.toString()));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).contains("Gmail credentials not found", "watcher gmail setup");
    }
}

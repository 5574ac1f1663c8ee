package io.aiemployee.watcher.approval;

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
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.testing.RecordingHttpServer;
import io.aiemployee.watcher.testing.RunningWatcher;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ApprovalHandlerTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path root;
    VaultLayout vault;
    RecordingHttpServer http;

    @BeforeEach
    void setUp() throws Exception {
        vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        http = new RecordingHttpServer();
    }

    @AfterEach
    void tearDown() {
        http.close();
    }

    SmtpSettings smtp() {
        return new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), null, null, "employee@example.com", false);
    }

    static ApprovalHandler.Settings settings(boolean dryRun) {
        return new ApprovalHandler.Settings(dryRun, Duration.ofMillis(20), Duration.ofMillis(30));
    }

    RunningWatcher start(boolean dryRun) {
        return RunningWatcher.start(ApprovalHandler.withStandardActions(settings(dryRun), smtp()),
                WatcherOptions.forVault(vault.root()));
    }

    static JsonNode json(String line) throws Exception {
        return new ObjectMapper().readTree(line);
    }

    @Test
    void dryRunDescribesTheActionMovesToDoneAndSendsNothing() throws Exception {
        try (RunningWatcher handler = start(true)) {
            place(vault.approved(), "EMAIL_client.md", email("client@example.com", "Invoice #42", "Please find..."));
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
        }
        ActionDocument done = read(vault.done().resolve("EMAIL_client.md"));
        assertThat(done.fields()).containsEntry("status", "done").containsEntry("dry_run", true)
                .containsEntry("action", "send_email").containsKey("handled_at");
        assertThat(done.text("would")).contains("client@example.com").contains("Invoice #42");
        assertThat(done.body()).isEqualTo("# Approval\n\nPlease do this.\n");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        JsonNode audit = json(auditLines(vault).get(0));
        assertThat(audit.get("decision").asText()).isEqualTo("dry_run");
        assertThat(audit.get("file").asText()).isEqualTo("EMAIL_client.md");
        assertThat(audit.get("action").asText()).isEqualTo("send_email");
        assertThat(audit.get("result").asText()).startsWith("would send an email");
        assertThat(audit.get("time").asText()).isNotBlank();
        assertThat(Files.readString(vault.logs().resolve("Approval Handler.log"))).contains("DRY RUN EMAIL_client.md: would send");
    }

    @Test
    void liveSendEmailDeliversOnceAndRecordsTheMessageId() throws Exception {
        try (RunningWatcher handler = start(false)) {
            place(vault.approved(), "EMAIL_client.md", email("client@example.com", "Rechnung für März", "Hallo,\nanbei..."));
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Rechnung für März");
        assertThat(GreenMailUtil.getBody(received[0])).contains("anbei");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("client@example.com");
        ActionDocument done = read(vault.done().resolve("EMAIL_client.md"));
        assertThat(done.fields()).containsEntry("dry_run", false);
        assertThat(((Map<?, ?>) done.fields().get("result")).get("message_id")).isEqualTo(received[0].getMessageID());
        assertThat(json(auditLines(vault).get(0)).get("decision").asText()).isEqualTo("executed");
    }

    @Test
    void liveHttpPostSendsJsonAndAFailingWebhookGoesToFailed() throws Exception {
        try (RunningWatcher handler = start(false)) {
            place(vault.approved(), "POST_ok.md", post(http.url("/hook"), Map.of("invoice", 42, "note", "paid ✓")));
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
            http.respondWith(500);
            place(vault.approved(), "POST_broken.md", post(http.url("/hook"), Map.of("invoice", 43)));
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.failed()).size() == 1);
        }
        assertThat(http.requests()).hasSize(2);
        assertThat(json(http.requests().get(0).body()).get("note").asText()).isEqualTo("paid ✓");
        assertThat(http.requests().get(0).contentType()).isEqualTo("application/json");
        assertThat(((Map<?, ?>) read(vault.done().resolve("POST_ok.md")).fields().get("result")).get("http_status")).isEqualTo(200);
        ActionDocument failed = read(vault.failed().resolve("POST_broken.md"));
        assertThat(failed.fields()).containsEntry("status", "failed");
        assertThat(failed.text("error")).contains("HTTP 500");
    }

    @Test
    void anExpiredApprovalIsRejectedWithTheReasonAndArchived() throws Exception {
        Map<String, Object> fields = post(http.url("/hook"), Map.of("a", 1));
        fields.put("expires", Instant.now().minusSeconds(60).toString());
        Map<String, Object> fresh = post(http.url("/hook"), Map.of("a", 2));
        fresh.put("expires", Instant.now().plusSeconds(3600).toString());
        try (RunningWatcher handler = start(false)) {
            place(vault.approved(), "POST_old.md", fields);
            place(vault.approved(), "POST_fresh.md", fresh);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(vault.rejected().resolve("Archive/POST_old.md")) && files(vault.done()).size() == 1);
        }
        assertThat(http.requests()).hasSize(1);
        assertThat(json(http.requests().get(0).body()).get("a").asInt()).isEqualTo(2);
        ActionDocument rejected = read(vault.rejected().resolve("Archive/POST_old.md"));
        assertThat(rejected.fields()).containsEntry("status", "rejected");
        assertThat(rejected.text("rejection_reason")).startsWith("expired at").endsWith("not executed");
        assertThat(auditLines(vault)).anySatisfy(line -> assertThat(line).contains("\"decision\":\"expired\""))
                .anySatisfy(line -> assertThat(line).contains("\"decision\":\"rejected\"").contains("expired at"));
    }

    @Test
    void filesAHumanRejectedAreArchivedAndLoggedNeverExecuted() throws Exception {
        try (RunningWatcher handler = start(false)) {
            place(vault.rejected(), "EMAIL_no.md", email("x@example.com", "No", "no"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.rejected().resolve("Archive/EMAIL_no.md")));
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(auditLines(vault)).singleElement().satisfies(line -> assertThat(line)
                .contains("\"file\":\"EMAIL_no.md\"").contains("\"decision\":\"rejected\"").contains("\"action\":\"send_email\""));
    }

    @Test
    void onlyApprovedFilesEverExecute() throws Exception {
        try (RunningWatcher handler = start(false)) {
            for (Path folder : new Path[] {vault.pendingApproval(), vault.needsAction(), vault.plans(), vault.inbox()}) {
                place(folder, "POST_" + folder.getFileName() + ".md", post(http.url("/hook"), Map.of("from", "elsewhere")));
            }
            place(vault.approved(), "POST_yes.md", post(http.url("/hook"), Map.of("from", "approved")));
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
            Thread.sleep(300);
        }
        assertThat(http.requests()).singleElement().satisfies(r -> assertThat(r.body()).contains("approved"));
        assertThat(files(vault.pendingApproval())).hasSize(1);
    }

    @Test
    void whatAGoneHandlerHadClaimedGoesToFailedAndIsNeverExecuted() throws Exception {
        Path goneHandler = vault.inProgress().resolve("approval-deadbeef");
        place(Files.createDirectories(goneHandler), "EMAIL_claimed.md", email("c@example.com", "Twice?", "never"));
        place(vault.inProgress(), "POST_loose.md", post(http.url("/hook"), Map.of("x", 1)));

        try (RunningWatcher handler = start(false)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.failed()).size() == 2);
        }
        for (String name : new String[] {"EMAIL_claimed.md", "POST_loose.md"}) {
            ActionDocument failed = read(vault.failed().resolve(name));
            assertThat(failed.fields()).containsEntry("status", "failed").containsEntry("error", "interrupted; not retried");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(http.requests()).isEmpty();
        assertThat(goneHandler).doesNotExist();
        assertThat(auditLines(vault)).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"decision\":\"interrupted\""));
    }

    @Test
    void aLiveHandlersClaimsAreNotTakenByAnother() throws Exception {
        http.holdResponses();
        try (RunningWatcher first = start(false)) {
            place(vault.approved(), "POST_slow.md", post(http.url("/hook"), Map.of("x", 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> http.requests().size() == 1);
            try (RunningWatcher second = start(false)) {
                Thread.sleep(300); // the second one runs its start-up recovery meanwhile
                assertThat(files(vault.failed())).isEmpty();
            }
            http.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> files(vault.done()).size() == 1);
        }
        assertThat(http.requests()).hasSize(1);
    }

    @Test
    void twoHandlersRacingOver200ApprovalsExecuteEachExactlyOnce() throws Exception {
        try (RunningWatcher a = start(false); RunningWatcher b = start(false)) {
            for (int i = 0; i < 200; i++) {
                // a quarter by email: one email through GreenMail takes ~0.3 s on this machine, a webhook ~0.05 s
                if (i % 4 == 0) {
                    place(vault.approved(), String.format("EMAIL_%03d.md", i), email("c" + i + "@example.com", "n" + i, "body " + i));
                } else {
                    place(vault.approved(), String.format("POST_%03d.md", i), post(http.url("/hook"), Map.of("n", i)));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> files(vault.done()).size() + files(vault.failed()).size() == 200);
        }
        assertThat(files(vault.failed())).isEmpty();
        assertThat(files(vault.done())).hasSize(200);
        assertThat(greenMail.getReceivedMessages()).hasSize(50);
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).distinct()).hasSize(50);
        assertThat(http.requests()).hasSize(150);
        assertThat(http.requests().stream().map(r -> r.body()).distinct()).hasSize(150);
        assertThat(auditLines(vault)).hasSize(200).allSatisfy(line -> assertThat(line).contains("\"decision\":\"executed\""));
        assertThat(auditLines(vault).stream().map(l -> l.replaceAll(".*\"handler\":\"([^\"]+)\".*", "$1")).distinct())
                .as("both handlers took part").hasSize(2);
    }

    @Test
    void smtpSettingsComeFromTheSecretFolderAndTheEnvironmentWithoutShowingThePassword() throws Exception {
        Path secret = Files.createDirectories(root.resolve("smtp"));
        Files.writeString(secret.resolve("host"), "smtp.example.com\n");
        Files.writeString(secret.resolve("port"), "2525");
        Files.writeString(secret.resolve("username"), "bot");
        Files.writeString(secret.resolve("password"), "s3cret");
        Files.writeString(secret.resolve("from"), "bot@example.com");
        SmtpSettings settings = SmtpSettings.load(secret, Map.of("SMTP_PORT", "465"));
        assertThat(settings).isEqualTo(new SmtpSettings("smtp.example.com", 465, "bot", "s3cret", "bot@example.com", false));
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(SmtpSettings.load(root.resolve("absent"), Map.of()).configured()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpSettings.load(null, Map.of("SMTP_HOST", "h")))
                .hasMessageContaining("SMTP_FROM");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpSettings.load(null, Map.of("SMTP_PASSWORD", "x")))
                .hasMessageContaining("host is missing");
    }
}

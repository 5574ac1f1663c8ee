package io.aiemployee.watcher.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.testing.RecordingHttpServer;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's extension of the approval corpus (src/test/resources/approval-corpus-extra, run the same way
 * as {@link ApprovalCorpusTest}'s corpus, live with a real SMTP and HTTP server), plus action files any
 * watcher can meet: random binary content, and files that disappear while the handler reads them.
 * (Unreadable files are not tested: the tests run as root, and chmod 000 does not stop root.)
 */
class ApprovalCorpusExtraTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path root;

    RunningWatcher startLiveHandler(VaultLayout vault) {
        return RunningWatcher.start(ApprovalHandler.withStandardActions(
                new ApprovalHandler.Settings(false, Duration.ofMillis(20), Duration.ofMillis(30)),
                new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), null, null, "bot@example.com", false)),
                WatcherOptions.forVault(vault.root()));
    }

    @Test
    void extraHostileApprovalsNeverExecuteAndEachGetsItsReason() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        Path corpus = Path.of(getClass().getResource("/approval-corpus-extra/expected-reasons.properties").toURI()).getParent();
        Map<String, String> expected = ApprovalCorpusTest.expectedReasons(corpus);
        try (RecordingHttpServer http = new RecordingHttpServer()) {
            Path staging = Files.createDirectories(root.resolve("staging"));
            try (Stream<Path> files = Files.list(corpus)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".properties")).toList()) {
                    String name = file.getFileName().toString();
                    assertThat(expected).as("expected-reasons.properties names " + name).containsKey(name);
                    String text = Files.readString(file).replace("${HTTP_PORT}", String.valueOf(http.port()));
                    Files.writeString(staging.resolve(name), text);
                }
            }
            byte[] random = new byte[64 * 1024];
            new Random(42).nextBytes(random);
            Files.write(staging.resolve("random-bytes.md"), random);
            expected.put("random-bytes.md", "not UTF-8");

            try (RunningWatcher handler = startLiveHandler(vault)) {
                try (Stream<Path> files = Files.list(staging)) {
                    for (Path file : files.toList()) {
                        Files.move(file, vault.approved().resolve(file.getFileName()));
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> list(vault.approved()).isEmpty()
                        && list(vault.failed()).stream().filter(n -> !n.endsWith(".reason.md")).count() == expected.size());
            }
            System.out.println("ApprovalCorpusExtraTest: " + expected.size() + " extra cases, all failed with a reason");
            assertThat(greenMail.getReceivedMessages()).as("emails sent").isEmpty();
            assertThat(http.requests()).as("webhook requests").isEmpty();
            assertThat(list(vault.done())).as("nothing is done").isEmpty();
            SoftAssertions soft = new SoftAssertions();
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                soft.assertThat(reasonFor(vault, entry.getKey())).as(entry.getKey()).contains(entry.getValue());
            }
            soft.assertAll();
        }
    }

    @Test
    void filesDisappearingWhileReadDoNotStopTheHandler() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        try (RecordingHttpServer http = new RecordingHttpServer(); RunningWatcher handler = startLiveHandler(vault)) {
            String approval = "---\naction: http_post\nurl: " + http.url("/hook") + "\nbody: vanishing\n---\n";
            for (int i = 0; i < 200; i++) {
                Path file = vault.approved().resolve("vanishing-" + i + ".md");
                Files.writeString(file, approval);
                Files.deleteIfExists(file); // unless the handler claimed it first
            }
            // a last, malformed one proves the handler is still at work
            Files.writeString(vault.approved().resolve("after.md"), "---\naction: [x]\n---\n");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(vault.failed().resolve("after.md")));
            assertThat(handler.exited()).as("the handler survived files vanishing under it").isFalse();
            // a file the handler claimed before it vanished runs once, like any approval; the others never
            long claimedAndDone = list(vault.done()).stream().filter(n -> n.startsWith("vanishing-")).count();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(http.requests()).as("executions = approvals that reached Done").hasSize((int) claimedAndDone));
            System.out.println("ApprovalCorpusExtraTest: 200 vanishing approvals, " + claimedAndDone + " claimed before they vanished");
        }
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static String reasonFor(VaultLayout vault, String name) throws Exception {
        Path failed = vault.failed().resolve(name);
        Path note = vault.failed().resolve(name + ".reason.md");
        if (!Files.exists(failed)) {
            return "(not in Failed/)";
        }
        if (Files.exists(note)) {
            return Frontmatter.parse(Files.readString(note)).text("error");
        }
        ActionDocument document = Frontmatter.parse(Files.readString(failed, StandardCharsets.UTF_8));
        return document.text("error");
    }
}

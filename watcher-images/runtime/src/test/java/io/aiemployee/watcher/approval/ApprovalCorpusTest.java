package io.aiemployee.watcher.approval;

import static io.aiemployee.watcher.approval.Approvals.auditLines;
import static io.aiemployee.watcher.approval.Approvals.files;
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
import java.io.InputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile approval files (src/test/resources/approval-corpus, plus a few that can only
 * be made at run time: a huge file and symbolic links) handled by a LIVE handler with a real SMTP
 * server and a real HTTP server: none may execute, and each gets a reason in Failed/.
 */
class ApprovalCorpusTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path root;

    @Test
    void noHostileOrMalformedApprovalExecutesAndEachGetsItsReason() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        Path corpus = corpusDir();
        Map<String, String> expected = expectedReasons(corpus);
        try (RecordingHttpServer http = new RecordingHttpServer()) {
            Path staging = Files.createDirectories(root.resolve("staging"));
            try (Stream<Path> files = Files.list(corpus)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".properties")).toList()) {
                    String name = file.getFileName().toString();
                    assertThat(expected).as("expected-reasons.properties names " + name).containsKey(name);
                    byte[] bytes = Files.readAllBytes(file);
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (text.contains("${HTTP_PORT}")) {
                        bytes = text.replace("${HTTP_PORT}", String.valueOf(http.port())).getBytes(StandardCharsets.UTF_8);
                    }
                    Files.write(staging.resolve(name), bytes);
                }
            }
            expected.putAll(runtimeCases(vault, staging, http));

            try (RunningWatcher handler = RunningWatcher.start(ApprovalHandler.withStandardActions(
                    new ApprovalHandler.Settings(false, Duration.ofMillis(20), Duration.ofMillis(30)),
                    new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), null, null, "bot@example.com", false)),
                    WatcherOptions.forVault(vault.root()))) {
                try (Stream<Path> files = Files.list(staging)) {
                    for (Path file : files.toList()) {
                        Files.move(file, vault.approved().resolve(file.getFileName()));
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> files(vault.approved()).isEmpty()
                        && auditLines(vault).size() == expected.size());
            }

            assertThat(greenMail.getReceivedMessages()).as("emails sent").isEmpty();
            assertThat(http.requests()).as("webhook requests").isEmpty();
            assertThat(files(vault.done())).as("nothing is done").isEmpty();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
            SoftAssertions soft = new SoftAssertions();
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                soft.assertThat(reasonFor(vault, entry.getKey())).as(entry.getKey()).contains(entry.getValue());
            }
            soft.assertAll();
            assertThat(auditLines(vault)).allSatisfy(line -> assertThat(line).contains("\"decision\":\"failed\""));
        }
    }

    /** Cases that cannot be kept as data files. */
    private static Map<String, String> runtimeCases(VaultLayout vault, Path staging, RecordingHttpServer http) throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        String hook = http.url("/hook");
        StringBuilder huge = new StringBuilder("---\naction: http_post\nurl: " + hook + "\nbody: |\n");
        while (huge.length() < 2_000_000) {
            huge.append("  ").append("x".repeat(100)).append('\n');
        }
        huge.append("---\n");
        Files.writeString(staging.resolve("huge.md"), huge);
        cases.put("huge.md", "too large");

        Path outside = Files.writeString(vault.root().getParent().resolve("outside-approval.md"),
                "---\naction: http_post\nurl: " + hook + "\nbody: from outside\n---\n");
        Files.createSymbolicLink(staging.resolve("link-to-outside.md"), outside);
        cases.put("link-to-outside.md", "symbolic links are not executed");

        Path secret = Files.writeString(vault.root().getParent().resolve("secret.txt"), "secret");
        Files.createSymbolicLink(vault.needsAction().resolve("innocent.txt"), secret);
        Files.writeString(staging.resolve("attachment-via-link.md"), "---\naction: send_email\nto: a@example.com\n"
                + "subject: hi\nbody: hi\nattachments: [Needs_Action/innocent.txt]\n---\n");
        cases.put("attachment-via-link.md", "links are not followed");

        Files.writeString(staging.resolve("missing-attachment.md"), "---\naction: send_email\nto: a@example.com\n"
                + "subject: hi\nbody: hi\nattachments: [Needs_Action/nothing-here.pdf]\n---\n");
        cases.put("missing-attachment.md", "names no regular file");
        return cases;
    }

    /** The reason: in the frontmatter when the file could be read, else in the note beside it. */
    private static String reasonFor(VaultLayout vault, String name) throws Exception {
        Path failed = vault.failed().resolve(name);
        Path note = vault.failed().resolve(name + ".reason.md");
        if (!Files.exists(failed, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "(not in Failed/)";
        }
        if (Files.exists(note)) {
            return Frontmatter.parse(Files.readString(note)).text("error");
        }
        ActionDocument document = Frontmatter.parse(Files.readString(failed));
        assertThat(document.fields()).containsEntry("status", "failed");
        return document.text("error");
    }

    static Path corpusDir() throws URISyntaxException {
        return Path.of(ApprovalCorpusTest.class.getResource("/approval-corpus/expected-reasons.properties").toURI()).getParent();
    }

    static Map<String, String> expectedReasons(Path corpus) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(corpus.resolve("expected-reasons.properties"));
             Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }
}

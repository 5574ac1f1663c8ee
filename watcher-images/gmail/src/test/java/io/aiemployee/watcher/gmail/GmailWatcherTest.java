package io.aiemployee.watcher.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmailWatcherTest {

    @TempDir
    Path temp;
    FakeGmailServer gmail;
    VaultLayout vault;
    Path secrets;
    final List<Duration> backoffSleeps = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        gmail = new FakeGmailServer();
        vault = VaultLayout.at(temp.resolve("vault"));
        secrets = temp.resolve("secrets");
        Files.createDirectories(secrets);
    }

    @AfterEach
    void stop() {
        gmail.close();
    }

    /** A token.json exactly as google-auth for Python writes it (Credentials.to_json()). */
    static void writeToken(Path dir, String tokenUri, String accessToken, Instant expiry) throws IOException {
        Files.writeString(dir.resolve("token.json"), """
                {"token": "%s", "refresh_token": "%s", "token_uri": "%s", "client_id": "%s", "client_secret": "%s", \
                "scopes": ["https://www.googleapis.com/auth/gmail.readonly"], "universe_domain": "googleapis.com", \
                "account": "", "expiry": "%s"}""".formatted(accessToken, FakeGmailServer.REFRESH_TOKEN, tokenUri,
                FakeGmailServer.CLIENT_ID, FakeGmailServer.CLIENT_SECRET,
                expiry.toString().replace("Z", ".123456Z")));
    }

    GmailWatcher watcher() {
        // one wait per poll: the interval is within one heartbeat slice
        GmailSettings settings = GmailSettings.defaults().withCredentialsDir(secrets).withRootUrl(gmail.rootUrl())
                .withPollInterval(Duration.ofSeconds(5));
        return new GmailWatcher(settings, delay -> {
            backoffSleeps.add(delay);
            return false;
        });
    }

    void validToken(TestContext context) throws IOException {
        gmail.validAccessTokens.add("ya29.valid");
        writeToken(secrets, gmail.tokenUri(), "ya29.valid", context.clock.instant().plus(Duration.ofHours(1)));
    }

    List<Path> actionFiles() throws IOException {
        try (Stream<Path> files = Files.list(vault.needsAction())) {
            return files.filter(p -> p.getFileName().toString().startsWith("EMAIL_")).sorted().toList();
        }
    }

    ActionDocument read(String id) throws IOException {
        return Frontmatter.parse(Files.readString(vault.needsAction().resolve("EMAIL_" + id + ".md")));
    }

    @Test
    void writesOneActionFileForEachMatchingMessageFollowingListPages() throws Exception {
        TestContext context = new TestContext(vault, 1);
        validToken(context);
        gmail.pageSize = 2;
        for (int i = 1; i <= 5; i++) {
            gmail.add(new FakeMail("18c0000000000" + i).subject("Report " + i).plain("Body of report " + i));
        }
        gmail.add(new FakeMail("18c00000000read").labels("INBOX", "IMPORTANT").plain("already read"));

        watcher().run(context);

        assertThat(actionFiles()).extracting(p -> p.getFileName().toString()).containsExactly(
                "EMAIL_18c00000000001.md", "EMAIL_18c00000000002.md", "EMAIL_18c00000000003.md",
                "EMAIL_18c00000000004.md", "EMAIL_18c00000000005.md");
        assertThat(gmail.requests).filteredOn(r -> r.startsWith("GET /gmail/v1/users/me/messages?"))
                .hasSize(3)
                .allMatch(r -> r.contains("q=is:unread%20is:important") || r.contains("q=is:unread+is:important"))
                .anyMatch(r -> r.contains("pageToken=2"))
                .anyMatch(r -> r.contains("pageToken=4"));
        assertThat(gmail.requests).filteredOn(r -> r.contains("format=full")).hasSize(5);

        ActionDocument document = read("18c00000000003");
        assertThat(document.fields()).containsEntry("type", "email")
                .containsEntry("from", "Alice Example <alice@example.com>")
                .containsEntry("to", "me@example.com")
                .containsEntry("subject", "Report 3")
                .containsEntry("received", "2026-02-16T18:25:00Z")
                .containsEntry("message_id", "18c00000000003")
                .containsEntry("thread_id", "t18c00000000003")
                .containsEntry("priority", "normal")
                .containsEntry("status", "pending");
        assertThat(document.body()).contains("> Body of report 3");
        assertThat(context.heartbeats).isGreaterThan(1);
    }

    @Test
    void convertsHtmlOnlyMailWithJsoupAndPrefersThePlainPartWhenThereIsOne() throws Exception {
        TestContext context = new TestContext(vault, 1);
        validToken(context);
        gmail.add(new FakeMail("html1").subject("Newsletter").html("""
                <html><head><style>p { color: red }</style><script>alert('x')</script></head>
                <body><p>Dear customer,</p><p>Your invoice is <b>attached</b> &amp; due&nbsp;soon.</p>
                <ul><li>Item one</li><li>Item two</li></ul></body></html>"""));
        gmail.add(new FakeMail("both1").subject("Both").plain("The plain version").html("<p>The HTML version</p>"));
        gmail.add(new FakeMail("latin1").subject("Grüße").latin1Plain("Grüße aus Köln").attachment("report.txt"));

        watcher().run(context);

        String html = read("html1").body();
        assertThat(html).contains("> Dear customer,", "> Your invoice is attached & due soon.", "> Item one", "> Item two")
                .doesNotContain("<p>", "alert", "color: red");
        assertThat(read("both1").body()).contains("The plain version").doesNotContain("The HTML version");
        assertThat(read("latin1").body()).contains("> Grüße aus Köln");
        assertThat(read("latin1").fields()).containsEntry("subject", "Grüße");
    }

    @Test
    void theWaitBetweenPollsKeepsTheHeartbeatGoing() throws Exception {
        TestContext context = new TestContext(vault, 100);
        validToken(context);
        GmailSettings settings = GmailSettings.defaults().withCredentialsDir(secrets).withRootUrl(gmail.rootUrl());

        new GmailWatcher(settings, delay -> false).run(context);

        // the default 120 s interval is waited in slices of at most 15 s, with a heartbeat after each
        assertThat(context.waits).allMatch(wait -> wait.compareTo(Duration.ofSeconds(15)) <= 0);
        assertThat(context.waits.subList(0, 8).stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(120));
        assertThat(gmail.apiRequests("GET /gmail/v1/users/me/messages?")).isEqualTo(100 / 8 + 1);
    }

    @Test
    void urgentWordsMakeThePriorityHigh() throws Exception {
        TestContext context = new TestContext(vault, 1);
        validToken(context);
        gmail.add(new FakeMail("u1").subject("URGENT: server down").plain("please look"));
        gmail.add(new FakeMail("u2").subject("Lunch").plain("Can you reply ASAP?"));
        gmail.add(new FakeMail("n1").subject("Lunch").plain("No hurry, and no urgentness either."));

        watcher().run(context);

        assertThat(read("u1").fields()).containsEntry("priority", "high");
        assertThat(read("u2").fields()).containsEntry("priority", "high");
        assertThat(read("n1").fields()).containsEntry("priority", "normal");
    }

    @Test
    void doesNotWriteAMessageTwiceAcrossARestartEvenAfterItsFileWasMoved() throws Exception {
        TestContext first = new TestContext(vault, 2);
        validToken(first);
        gmail.add(new FakeMail("a1").plain("first"));
        gmail.add(new FakeMail("a2").plain("second"));
        watcher().run(first);
        assertThat(actionFiles()).hasSize(2);
        assertThat(gmail.apiRequests("GET /gmail/v1/users/me/messages/")).isEqualTo(2);

        // the user handled them: moved out of Needs_Action; the messages are still unread in Gmail
        Files.createDirectories(vault.done());
        for (Path file : actionFiles()) {
            Files.move(file, vault.done().resolve(file.getFileName()));
        }
        gmail.add(new FakeMail("a3").plain("third"));

        watcher().run(new TestContext(vault, 1)); // a new process: only the state file remembers

        assertThat(actionFiles()).extracting(p -> p.getFileName().toString()).containsExactly("EMAIL_a3.md");
        assertThat(gmail.apiRequests("GET /gmail/v1/users/me/messages/")).isEqualTo(3);
        assertThat(Files.readAllLines(vault.stateDir("gmail").resolve(GmailWatcher.STATE_FILE)))
                .contains("a1", "a2", "a3");
    }

    @Test
    void refreshesAnExpiredAccessTokenWithTheRefreshTokenAndAgainWhenItExpiresLater() throws Exception {
        // between the two polls an hour passes on the watcher's clock
        TestContext context = new TestContext(vault, 2, ctx -> ctx.clock.advance(Duration.ofHours(1)));
        writeToken(secrets, gmail.tokenUri(), "ya29.stale", context.clock.instant().minus(Duration.ofMinutes(5)));
        gmail.add(new FakeMail("r1").plain("hello"));

        watcher().run(context);

        assertThat(gmail.tokenRequests).hasSize(2).allSatisfy(form -> assertThat(form)
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", FakeGmailServer.REFRESH_TOKEN)
                .containsEntry("client_id", FakeGmailServer.CLIENT_ID)
                .containsEntry("client_secret", FakeGmailServer.CLIENT_SECRET));
        assertThat(gmail.authorizationHeaders).doesNotContain("Bearer ya29.stale")
                .startsWith("Bearer ya29.access-1").endsWith("Bearer ya29.access-2");
        assertThat(actionFiles()).hasSize(1);
    }

    @Test
    void aTokenTheServerNoLongerAcceptsIsRefreshedAfterThe401() throws Exception {
        TestContext context = new TestContext(vault, 1);
        // the file claims the token is good for an hour, but Gmail does not know it
        writeToken(secrets, gmail.tokenUri(), "ya29.forgotten", context.clock.instant().plus(Duration.ofHours(1)));
        gmail.add(new FakeMail("f1").plain("hello"));

        watcher().run(context);

        assertThat(gmail.authorizationHeaders).startsWith("Bearer ya29.forgotten", "Bearer ya29.access-1");
        assertThat(gmail.tokenRequests).hasSize(1);
        assertThat(actionFiles()).hasSize(1);
    }

    @Test
    void aRevokedRefreshTokenIsAConfigurationErrorNamingTheSetupCommand() throws Exception {
        TestContext context = new TestContext(vault, 3);
        writeToken(secrets, gmail.tokenUri(), "ya29.stale", context.clock.instant().minus(Duration.ofMinutes(5)));
        gmail.revoked = true;
        gmail.add(new FakeMail("x1").plain("hello"));

        assertThatThrownBy(() -> watcher().run(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Gmail token expired or revoked: run `watcher gmail setup`");
        assertThat(backoffSleeps).as("invalid_grant is not retried").isEmpty();
        assertThat(actionFiles()).isEmpty();
    }

    @Test
    void missingOrIncompleteCredentialsAreConfigurationErrors() throws Exception {
        TestContext context = new TestContext(vault, 1);
        assertThatThrownBy(() -> watcher().run(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(secrets.resolve("token.json").toString())
                .hasMessageContaining("watcher gmail setup");

        Files.writeString(secrets.resolve("token.json"), "{\"client_id\": \"x\", \"client_secret\": \"y\"}");
        assertThatThrownBy(() -> watcher().run(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no refresh_token");

        Files.writeString(secrets.resolve("token.json"), "not json at all");
        assertThatThrownBy(() -> watcher().run(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a readable token.json");
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithGrowingBackoffWithoutSleeping() throws Exception {
        TestContext context = new TestContext(vault, 1);
        validToken(context);
        gmail.add(new FakeMail("b1").plain("hello"));
        gmail.failNext(429, 500, 503);

        long started = System.nanoTime();
        watcher().run(context);

        assertThat(actionFiles()).hasSize(1);
        assertThat(backoffSleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterFromTheServerIsHonoured() throws Exception {
        TestContext context = new TestContext(vault, 1);
        validToken(context);
        gmail.add(new FakeMail("b2").plain("hello"));
        gmail.retryAfterSeconds = "17";
        gmail.failNext(429);

        watcher().run(context);

        assertThat(backoffSleeps).containsExactly(Duration.ofSeconds(17));
        assertThat(actionFiles()).hasSize(1);
    }

    @Test
    void aPollThatKeepsFailingIsSkippedAndTheNextPollSucceeds() throws Exception {
        TestContext context = new TestContext(vault, 2);
        validToken(context);
        gmail.add(new FakeMail("k1").plain("hello"));
        gmail.failNext(500, 500, 500, 500, 500);

        watcher().run(context);

        assertThat(backoffSleeps).hasSize(4);
        assertThat(actionFiles()).hasSize(1);
    }

    @Test
    void survivesNetworkLossAndPicksUpWhenTheNetworkReturns() throws Exception {
        List<Integer> filesAfterPoll = new ArrayList<>();
        TestContext context = new TestContext(vault, 3, ctx -> {
            try {
                filesAfterPoll.add(actionFiles().size());
                if (ctx.waits.size() == 1) {
                    gmail.add(new FakeMail("n2").plain("sent while offline"));
                    gmail.goAway();
                } else {
                    gmail.comeBack();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        validToken(context);
        gmail.add(new FakeMail("n1").plain("before"));

        watcher().run(context);

        assertThat(filesAfterPoll).containsExactly(1, 1);
        assertThat(backoffSleeps).as("connection refused is retried, then the poll is skipped").hasSize(4);
        assertThat(actionFiles()).extracting(p -> p.getFileName().toString()).containsExactly("EMAIL_n1.md", "EMAIL_n2.md");
    }
}

package io.aiemployee.watcher.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.testing.WatcherProcess;
import io.aiemployee.watcher.whatsapp.FakeWhatsAppWeb.Chat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WhatsApp watcher driving real headless Chromium (Debian's, at /usr/bin/chromium or
 * CHROMIUM_PATH; a missing browser fails these tests) against a local stand-in for WhatsApp Web.
 */
class WhatsAppWatcherTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    @TempDir
    static Path shared;
    static FakeWhatsAppWeb web;
    /** A profile linked once through `--login` (the QR scan) and reused by the tests below. */
    static Path linkedSession;

    @TempDir
    Path temp;
    VaultLayout vault;

    @BeforeAll
    static void linkASession() throws Exception {
        web = new FakeWhatsAppWeb();
        linkedSession = shared.resolve("session");
        WhatsAppLogin login = new WhatsAppLogin(settings(linkedSession), true);
        CompletableFuture<Boolean> loggedIn = CompletableFuture.supplyAsync(() -> {
            try {
                return login.run(Duration.ofSeconds(30), Clock.systemUTC(), () -> false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700); // the QR code is on screen; now the phone scans it
        assertThat(loggedIn).isNotDone();
        web.scanned = true;
        assertThat(loggedIn.get(30, TimeUnit.SECONDS)).isTrue();
        web.scanned = false; // a new, empty profile would show the QR code again
    }

    @AfterAll
    static void stopServer() {
        web.close();
    }

    @BeforeEach
    void vault() {
        vault = VaultLayout.at(temp.resolve("vault"));
        web.set(new Chat("Alice", "Can you send the invoice ASAP?", "10:42", 2),
                new Chat("Bob", "urgent: call me back", "09:15", 0),
                new Chat("Carol", "See you tomorrow", "08:00", 1),
                new Chat("Accounts team", "Payment received, thanks!", "Yesterday", 3));
    }

    static WhatsAppSettings settings(Path session) {
        return WhatsAppSettings.defaults().withChromium(CHROMIUM).withSessionDir(session).withUrl(web.url())
                .withLoadTimeout(Duration.ofSeconds(20)).withPollInterval(Duration.ofSeconds(1));
    }

    List<Path> actionFiles() {
        try (Stream<Path> files = Files.list(vault.needsAction())) {
            return files.filter(p -> p.getFileName().toString().startsWith("WHATSAPP_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ActionDocument only(String chatPrefix) throws IOException {
        List<Path> matching = actionFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("WHATSAPP_" + chatPrefix + "_")).toList();
        assertThat(matching).hasSize(1);
        return Frontmatter.parse(Files.readString(matching.get(0)));
    }

    @Test
    void unreadChatsWithAKeywordBecomeActionFilesOnceAcrossRestartsAndNewMessagesArePickedUpLive() throws Exception {
        // this launch finds the chat list only because the login's local storage survived in the profile
        new WhatsAppWatcher(settings(linkedSession)).run(new PollingContext(vault, 2));

        assertThat(actionFiles()).extracting(p -> p.getFileName().toString())
                .hasSize(2)
                .anyMatch(name -> name.matches("WHATSAPP_Alice_\\d{8}-\\d{6}\\.md"))
                .anyMatch(name -> name.matches("WHATSAPP_Accounts_team_\\d{8}-\\d{6}\\.md"));
        ActionDocument alice = only("Alice");
        assertThat(alice.fields()).containsEntry("type", "whatsapp")
                .containsEntry("from", "Alice")
                .containsEntry("preview", "Can you send the invoice ASAP?")
                .containsEntry("time", "10:42")
                .containsEntry("unread_count", 2)
                .containsEntry("keywords", List.of("asap", "invoice"))
                .containsEntry("status", "pending");
        assertThat(alice.body()).contains("> Can you send the invoice ASAP?");
        assertThat(only("Accounts_team").fields()).containsEntry("keywords", List.of("payment"))
                .containsEntry("time", "Yesterday");

        // restart: the same chats are still unread; then Carol writes while the watcher runs
        PollingContext restarted = new PollingContext(vault, 3, poll -> {
            if (poll == 1) {
                web.chats.set(2, new Chat("Carol", "Help! The server is down", "10:50", 2));
            }
        });
        new WhatsAppWatcher(settings(linkedSession).withKeywords(List.of("help", "invoice"))).run(restarted);

        assertThat(actionFiles()).hasSize(3);
        assertThat(only("Alice").fields()).containsEntry("time", "10:42");
        assertThat(only("Carol").fields()).containsEntry("keywords", List.of("help"))
                .containsEntry("preview", "Help! The server is down");
    }

    @Test
    void asAProcessAnUnlinkedSessionExits78WithTheLoginHint() throws Exception {
        Path terminationLog = Files.createFile(temp.resolve("termination-log"));
        Process process = WatcherProcess.start(temp.resolve("out.txt"), podEnv(temp.resolve("fresh-session"), terminationLog),
                List.of("whatsapp"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog))
                .isEqualTo("WhatsApp session not authenticated: run `watcher whatsapp --login` on a machine with a display\n");
        assertThat(actionFiles()).isEmpty();
    }

    @Test
    void asAProcessALinkedSessionIsWatchedAndSigtermClosesTheBrowserAndExits0() throws Exception {
        Process process = WatcherProcess.start(temp.resolve("out.txt"),
                podEnv(linkedSession, temp.resolve("termination-log")), List.of("whatsapp"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(vault.needsAction()) && actionFiles().size() == 2);
            assertThat(chromiumProcesses(linkedSession)).isNotEmpty();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
            await().atMost(Duration.ofSeconds(5)).until(() -> chromiumProcesses(linkedSession).isEmpty());
        } finally {
            process.destroyForcibly();
        }
    }

    /** The environment the operator gives the WhatsApp pod, pointed at the test page. */
    Map<String, String> podEnv(Path session, Path terminationLog) {
        return Map.of("VAULT_PATH", vault.root().toString(),
                "WHATSAPP_SESSION_DIR", session.toString(),
                "WHATSAPP_URL", web.url(),
                "WHATSAPP_KEYWORDS", "urgent,asap,invoice,payment,help",
                "WHATSAPP_POLL_INTERVAL_SECONDS", "1",
                "CHROMIUM_PATH", CHROMIUM.toString(),
                "TERMINATION_LOG", terminationLog.toString());
    }

    @Test
    void asAProcessACrashedBrowserExits1() throws Exception {
        Path session = temp.resolve("crash-session");
        copyProfile(linkedSession, session);
        Path terminationLog = Files.createFile(temp.resolve("termination-log"));
        Process process = WatcherProcess.start(temp.resolve("out.txt"), podEnv(session, terminationLog), List.of("whatsapp"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(vault.needsAction()) && actionFiles().size() == 2);
            List<ProcessHandle> browsers = chromiumProcesses(session);
            assertThat(browsers).isNotEmpty();

            browsers.forEach(ProcessHandle::destroyForcibly);

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCodes.CRASH);
            assertThat(Files.readString(terminationLog)).contains("WhatsApp Watcher crashed");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingChromiumIsAConfigurationError() {
        WhatsAppSettings settings = settings(linkedSession).withChromium(temp.resolve("no-such-chromium"));
        assertThatThrownBy(() -> new WhatsAppWatcher(settings).run(new PollingContext(vault, 1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Chromium not found at");
    }

    /** Chromium processes started on {@code profile} (Playwright passes it as --user-data-dir). */
    static List<ProcessHandle> chromiumProcesses(Path profile) {
        String marker = "--user-data-dir=" + profile;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    static void copyProfile(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().startsWith("Singleton")) {
                    Files.copy(source, target);
                }
            }
        }
    }
}

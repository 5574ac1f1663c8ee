package io.aiemployee.watcher.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemWatcherTest {

    /** Short timings; rescans every 200 ms. */
    static final FilesystemWatcher.Settings FAST =
            new FilesystemWatcher.Settings(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(200));
    /** No periodic rescan within a test: only events (and the rescan an overflow triggers) find files. */
    static final FilesystemWatcher.Settings EVENTS_ONLY =
            new FilesystemWatcher.Settings(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofHours(1));

    @TempDir
    Path root;

    VaultLayout vault() {
        return VaultLayout.at(root.resolve("vault")).ensureFolders();
    }

    RunningWatcher start(FilesystemWatcher.Settings settings) {
        return RunningWatcher.start(new FilesystemWatcher(settings), WatcherOptions.forVault(vault().root()));
    }

    static List<ActionDocument> actionFiles(VaultLayout vault) throws IOException {
        try (Stream<Path> files = Files.list(vault.needsAction())) {
            // an action file is named after the copy it describes, plus ".md"
            return files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> Files.exists(Path.of(f.toString().substring(0, f.toString().length() - 3))))
                    .sorted().map(f -> {
                try {
                    return Frontmatter.parse(Files.readString(f));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
    }

    static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aDroppedFileBecomesACopyAndAnActionFileAndTheOriginalIsKeptInDone() throws Exception {
        VaultLayout vault = vault();
        byte[] content = "Rechnungsbetrag: 120 €\n".getBytes(StandardCharsets.UTF_8);
        String name = "Q3 Rechnung – März 2026 (final).pdf";
        try (RunningWatcher watcher = start(FAST)) {
            Files.write(vault.inbox().resolve(name), content);
            await().atMost(Duration.ofSeconds(10)).until(() -> actionFiles(vault).size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox").resolve(name)));
        }
        ActionDocument action = actionFiles(vault).get(0);
        assertThat(action.fields()).containsEntry("type", "file_drop").containsEntry("original_name", name)
                .containsEntry("size", content.length).containsEntry("sha256", sha256(content))
                .containsEntry("status", "pending").containsEntry("priority", "normal").containsKey("received");
        Path copy = vault.needsAction().resolve(action.text("file"));
        assertThat(copy).hasBinaryContent(content);
        assertThat(action.text("file")).endsWith(name);
        assertThat(vault.done().resolve("Inbox").resolve(name)).hasBinaryContent(content);
        assertThat(count(vault.inbox())).isZero();
        assertThat(action.body()).contains(name);
    }

    @Test
    void partialTemporaryAndHiddenFilesAreIgnored() throws Exception {
        VaultLayout vault = vault();
        try (RunningWatcher watcher = start(FAST)) {
            for (String name : List.of("movie.mp4.part", "~$Budget.xlsx", ".hidden", ".aie-tmp-123", "download.crdownload")) {
                Files.writeString(vault.inbox().resolve(name), "x");
            }
            Files.writeString(vault.inbox().resolve("real.txt"), "x");
            await().atMost(Duration.ofSeconds(10)).until(() -> actionFiles(vault).size() == 1);
            Thread.sleep(500); // several rescans: the ignored files must stay ignored
        }
        assertThat(actionFiles(vault)).extracting(a -> a.text("original_name")).containsExactly("real.txt");
        assertThat(count(vault.inbox())).isEqualTo(5);
    }

    @Test
    void aFileStillBeingWrittenIsHandledOnlyOnceComplete() throws Exception {
        VaultLayout vault = vault();
        Path file = vault.inbox().resolve("growing.bin");
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) 7);
        // writes every ~50 ms for 1.5 s; the 1 s window leaves room for a loaded machine's scheduling hiccups
        try (RunningWatcher watcher = start(new FilesystemWatcher.Settings(Duration.ofMillis(20), Duration.ofMillis(1000),
                Duration.ofMillis(100)));
             OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 30; i++) {
                out.write(chunk);
                out.flush();
                Thread.sleep(50); // keeps changing faster than the stability window
            }
            assertThat(actionFiles(vault)).isEmpty();
            out.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> actionFiles(vault).size() == 1);
        }
        assertThat(actionFiles(vault).get(0).fields()).containsEntry("size", 30 * 4096);
    }

    @Test
    void aBurstOf1000FilesLosesNoneEvenWhenWatchEventsOverflow() throws Exception {
        VaultLayout vault = vault();
        try (RunningWatcher watcher = start(EVENTS_ONLY)) {
            Thread.sleep(100);
            for (int i = 0; i < 1000; i++) {
                Files.writeString(vault.inbox().resolve("burst-" + i + ".txt"), "file " + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(vault.done().resolve("Inbox")) == 1000);
        }
        List<ActionDocument> actions = actionFiles(vault);
        assertThat(actions).hasSize(1000);
        assertThat(actions.stream().map(a -> a.text("original_name")).collect(Collectors.toSet())).hasSize(1000);
        assertThat(count(vault.needsAction())).isEqualTo(2000);
    }

    @Test
    void aRestartMidStreamNeitherDuplicatesNorLoses() throws Exception {
        VaultLayout vault = vault();
        RunningWatcher first = start(FAST);
        for (int i = 0; i < 300; i++) {
            Files.writeString(vault.inbox().resolve("stream " + i + " ü.txt"), "content " + i);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> actionFiles(vault).size() >= 20);
        assertThat(first.stop()).isZero();
        assertThat(count(vault.inbox())).as("some files left for the second run").isPositive();

        try (RunningWatcher second = start(FAST)) {
            for (int i = 300; i < 400; i++) {
                Files.writeString(vault.inbox().resolve("stream " + i + " ü.txt"), "content " + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(vault.done().resolve("Inbox")) == 400);
        }
        Map<String, Long> perName = actionFiles(vault).stream()
                .collect(Collectors.groupingBy(a -> a.text("original_name"), Collectors.counting()));
        assertThat(perName).hasSize(400).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
        assertThat(count(vault.needsAction())).isEqualTo(800);
    }

    @Test
    void aCrashBeforeTheJournalWasWrittenDoesNotDuplicate() throws Exception {
        VaultLayout vault = vault();
        try (RunningWatcher watcher = start(FAST)) {
            Files.writeString(vault.inbox().resolve("invoice.txt"), "pay 10");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox/invoice.txt")));
        }
        Path actionFile;
        try (Stream<Path> files = Files.list(vault.needsAction())) {
            actionFile = files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        // the user (or assistant) already works on it
        Files.writeString(actionFile, Files.readString(actionFile).replace("status: pending", "status: in_review"));
        // as if the process died after writing copy and action file but before journaling and archiving:
        Files.move(vault.done().resolve("Inbox/invoice.txt"), vault.inbox().resolve("invoice.txt"));
        Files.delete(vault.stateDir("filesystem").resolve(ProcessedFiles.FILE_NAME));

        try (RunningWatcher watcher = start(FAST)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox/invoice.txt")));
        }
        assertThat(count(vault.needsAction())).isEqualTo(2);
        assertThat(Files.readString(actionFile)).contains("status: in_review");
        assertThat(count(vault.inbox())).isZero();
    }

    @Test
    void theSameFileDroppedAgainIsNotHandledTwiceButIsKept() throws Exception {
        VaultLayout vault = vault();
        try (RunningWatcher watcher = start(FAST)) {
            Files.writeString(vault.inbox().resolve("memo.txt"), "same");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox/memo.txt")));
            Files.writeString(vault.inbox().resolve("memo.txt"), "same");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox/memo (2).txt")));
            Files.writeString(vault.inbox().resolve("memo.txt"), "different");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(vault.done().resolve("Inbox/memo (3).txt")));
        }
        assertThat(actionFiles(vault)).hasSize(2);
    }

    @Test
    void symlinksOutOfTheVaultAreRefusedAndLogged() throws Exception {
        VaultLayout vault = vault();
        Path secret = Files.writeString(root.resolve("outside-secret.txt"), "do not copy");
        Path insideTarget = Files.writeString(vault.plans().resolve("plan.md"), "a plan");
        try (RunningWatcher watcher = start(FAST)) {
            Files.createSymbolicLink(vault.inbox().resolve("innocent.txt"), secret);
            Files.createSymbolicLink(vault.inbox().resolve("plan link.md"), insideTarget);
            await().atMost(Duration.ofSeconds(10)).until(() -> actionFiles(vault).size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Files.readString(vault.logs().resolve("File System Watcher.log")).contains("Refused innocent.txt"));
            Thread.sleep(500);
        }
        assertThat(actionFiles(vault)).extracting(a -> a.text("original_name")).containsExactly("plan link.md");
        try (Stream<Path> files = Files.walk(vault.root())) {
            // the link itself is still in the Inbox; no regular file anywhere holds the secret
            assertThat(files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    return "";
                }
            })).noneMatch(text -> text.equals("do not copy"));
        }
        assertThat(vault.inbox().resolve("innocent.txt")).isSymbolicLink();
        String log = Files.readString(vault.logs().resolve("File System Watcher.log"));
        assertThat(log.split("Refused innocent.txt", -1)).as("logged once, not on every rescan").hasSize(2);
    }

    @Test
    void aLargeFileIsCopiedCompletelyWithItsHash() throws Exception {
        VaultLayout vault = vault();
        Path big = vault.root().resolve("big.bin");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        new java.util.Random(42).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 64; i++) {
                block[0] = (byte) i;
                digest.update(block);
                out.write(block);
            }
        }
        try (RunningWatcher watcher = start(FAST)) {
            Files.move(big, vault.inbox().resolve("big.bin"));
            await().atMost(Duration.ofSeconds(30)).until(() -> actionFiles(vault).size() == 1);
        }
        ActionDocument action = actionFiles(vault).get(0);
        assertThat(action.fields()).containsEntry("size", 64 << 20)
                .containsEntry("sha256", HexFormat.of().formatHex(digest.digest()));
        assertThat(Files.size(vault.needsAction().resolve(action.text("file")))).isEqualTo(64L << 20);
    }

    @Test
    void filterRules() {
        Function<String, Boolean> ignored = io.aiemployee.vault.TransientFiles::isTransient;
        assertThat(ignored.apply("a.PART")).isTrue();
        assertThat(ignored.apply("~$doc.docx")).isTrue();
        assertThat(ignored.apply(".DS_Store")).isTrue();
        assertThat(ignored.apply("notes.txt~")).isTrue();
        assertThat(ignored.apply("partial report.pdf")).isFalse();
        assertThat(ignored.apply("Straße.md")).isFalse();
    }
}

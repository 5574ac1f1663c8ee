package io.aiemployee.operator.local;

import static io.aiemployee.watcher.WatcherKind.APPROVAL;
import static io.aiemployee.watcher.WatcherKind.FILESYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.watcher.WatcherKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode with the real watcher program ({@code io.aiemployee.watcher.WatcherMain}): the
 * filesystem watcher and the approval handler in dry run, no account needed.
 */
class LocalRealWatchersTest {

    @TempDir
    Path temp;

    private LocalOrchestrator orchestrator;

    @AfterEach
    void stop() {
        if (orchestrator != null) {
            orchestrator.stop();
        }
    }

    private WatcherView view(WatcherKind kind) {
        return LocalFixture.view(orchestrator, kind);
    }

    @Test
    void realFilesystemWatcherAndDryRunApprovalHandlerWorkRestartAndStopCleanly() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        OrchestratorSettings settings = fx.settings()
                .withSelected(FILESYSTEM, APPROVAL)
                .withTiming(Duration.ofMillis(200), Duration.ofSeconds(15), Duration.ofSeconds(90),
                        Duration.ofSeconds(5), LocalFixture.TIME_SCALE);
        settings = new OrchestratorSettings(settings.vault(), settings.selected(), settings.credentials(),
                settings.restartPolicy(), settings.healthInterval(), settings.heartbeatTimeout(),
                settings.startupTimeout(), settings.shutdownGrace(), settings.timeScale(), settings.clock(),
                ProcessLauncher.forThisJvm(ProcessLauncher.WATCHER_MAIN, Map.of()), settings.console());
        orchestrator = new LocalOrchestrator(settings);
        orchestrator.start();
        orchestrator.allHealthy().get(90, TimeUnit.SECONDS);

        Files.writeString(fx.vault.inbox().resolve("quarterly report.txt"), "numbers");
        await().atMost(Duration.ofSeconds(30)).until(() -> names(fx.vault.needsAction()).stream()
                .anyMatch(name -> name.endsWith(".md")));

        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("type", "approval_request");
        approval.put("action", "http_post");
        approval.put("url", "http://127.0.0.1:9/never-called");
        approval.put("json", Map.of("hello", "world"));
        Path staged = temp.resolve("APPROVAL_post.md");
        AtomicFiles.writeString(staged, Frontmatter.render(new ActionDocument(approval, "# Approval\n")));
        Files.move(staged, fx.vault.approved().resolve("APPROVAL_post.md"));
        await().atMost(Duration.ofSeconds(30)).until(() -> names(fx.vault.done()).contains("APPROVAL_post.md"));
        assertThat(Frontmatter.parse(Files.readString(fx.vault.done().resolve("APPROVAL_post.md"))).fields())
                .containsEntry("dry_run", true);

        long pid = view(FILESYSTEM).pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> view(FILESYSTEM).restarts() == 1
                && view(FILESYSTEM).state() == WatcherState.RUNNING);
        Files.writeString(fx.vault.inbox().resolve("after restart.txt"), "still watching");
        await().atMost(Duration.ofSeconds(30)).until(() -> names(fx.vault.needsAction()).stream()
                .anyMatch(name -> name.contains("after restart")));

        long fs = view(FILESYSTEM).pid();
        long handler = view(APPROVAL).pid();
        orchestrator.stop();
        assertThat(fx.systemLog()).doesNotContain("did not stop within");
        assertThat(ProcessHandle.of(fs).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(handler).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(fx.dashboard()).contains("| System_Status | ✗ Offline | System Offline: Orchestrator Stopped |")
                .contains("File System Watcher restarted (restart #1)");
        assertThat(Files.readString(LocalOrchestrator.processLog(fx.vault, FILESYSTEM))).isNotBlank();
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}

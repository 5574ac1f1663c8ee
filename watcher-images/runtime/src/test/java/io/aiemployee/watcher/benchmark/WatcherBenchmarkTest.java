package io.aiemployee.watcher.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.approval.ApprovalHandler;
import io.aiemployee.watcher.approval.SmtpSettings;
import io.aiemployee.watcher.filesystem.FilesystemWatcher;
import io.aiemployee.watcher.testing.RecordingHttpServer;
import io.aiemployee.watcher.testing.RunningWatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latency and throughput of the filesystem watcher and the approval handler with their default
 * settings (the CLI's). Only with {@code ./mvnw -B -Pbenchmark test}; figures in docs/benchmarks.md.
 */
@Tag("benchmark")
class WatcherBenchmarkTest {

    @TempDir
    Path root;

    static String actionFileName(String name, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return FilesystemWatcher.copyName(name, sha) + ".md";
    }

    @Test
    void filesystemLatencyInboxToActionFile() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        LatencyRecorder recorder = new LatencyRecorder();
        int files = 100;
        try (RunningWatcher watcher = RunningWatcher.start(new FilesystemWatcher(FilesystemWatcher.Settings.defaults()),
                WatcherOptions.forVault(vault.root()))) {
            Thread.sleep(1000);
            for (int i = 0; i < files; i++) {
                byte[] content = ("latency sample " + i).getBytes(StandardCharsets.UTF_8);
                String name = "sample-" + i + ".txt";
                Files.write(vault.inbox().resolve(name), content);
                recorder.started(vault.needsAction().resolve(actionFileName(name, content)));
                for (int t = 0; t < 100; t++) { // one file every ~100 ms
                    recorder.pollOnce();
                    Thread.sleep(1);
                }
            }
            recorder.awaitAll(60_000);
        }
        assertThat(recorder.count()).isEqualTo(files);
        LatencyRecorder.report("filesystem-latency", String.format(Locale.ROOT,
                "filesystem watcher, default settings (poll 500 ms, stable 1000 ms), %d files, one every ~100 ms: "
                        + "Inbox -> action file p50 %.0f ms, p99 %.0f ms, max %.0f ms (%s)",
                files, recorder.percentileMillis(50), recorder.percentileMillis(99), recorder.percentileMillis(100),
                LatencyRecorder.machine()));
    }

    @Test
    void filesystemThroughputOnA1000FileBurst() throws Exception {
        VaultLayout vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        LatencyRecorder recorder = new LatencyRecorder();
        int files = 1000;
        long start;
        try (RunningWatcher watcher = RunningWatcher.start(new FilesystemWatcher(FilesystemWatcher.Settings.defaults()),
                WatcherOptions.forVault(vault.root()))) {
            Thread.sleep(1000);
            start = System.nanoTime();
            for (int i = 0; i < files; i++) {
                byte[] content = ("burst " + i + " " + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8);
                String name = "burst-" + i + ".txt";
                Files.write(vault.inbox().resolve(name), content);
                recorder.started(vault.needsAction().resolve(actionFileName(name, content)));
            }
            recorder.awaitAll(300_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(recorder.count()).isEqualTo(files);
        LatencyRecorder.report("filesystem-burst", String.format(Locale.ROOT,
                "filesystem watcher, default settings (%d workers), burst of %d files of ~1 KB written as fast as possible: "
                        + "all action files after %.1f s = %.0f files/s; per-file latency p50 %.0f ms, p99 %.0f ms (%s)",
                FilesystemWatcher.DEFAULT_WORKERS, files, seconds, files / seconds, recorder.percentileMillis(50),
                recorder.percentileMillis(99), LatencyRecorder.machine()));
    }

    @Test
    void approvalLatencyApprovedToDone() throws Exception {
        StringBuilder report = new StringBuilder();
        for (boolean dryRun : new boolean[] {true, false}) {
            VaultLayout vault = VaultLayout.at(root.resolve(dryRun ? "dry" : "live")).ensureFolders();
            LatencyRecorder recorder = new LatencyRecorder();
            int approvals = 100;
            try (RecordingHttpServer http = new RecordingHttpServer();
                 RunningWatcher handler = RunningWatcher.start(ApprovalHandler.withStandardActions(
                         ApprovalHandler.Settings.defaults(dryRun), SmtpSettings.load(null, Map.of())),
                         WatcherOptions.forVault(vault.root()))) {
                Thread.sleep(1000);
                Path staging = Files.createDirectories(root.resolve("staging-" + dryRun));
                for (int i = 0; i < approvals; i++) {
                    String name = "POST_" + i + ".md";
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("action", "http_post");
                    fields.put("url", http.url("/hook"));
                    fields.put("json", Map.of("n", i));
                    AtomicFiles.writeString(staging.resolve(name), Frontmatter.render(new ActionDocument(fields, "")));
                    Files.move(staging.resolve(name), vault.approved().resolve(name)); // what a person's move does
                    recorder.started(vault.done().resolve(name));
                    for (int t = 0; t < 100; t++) {
                        recorder.pollOnce();
                        Thread.sleep(1);
                    }
                }
                recorder.awaitAll(120_000);
                assertThat(http.requests()).hasSize(dryRun ? 0 : approvals);
            }
            report.append(String.format(Locale.ROOT,
                    "approval handler, default settings (poll 500 ms, stable 500 ms), %s, %d http_post approvals, one every ~100 ms: "
                            + "Approved -> Done p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    dryRun ? "DRY_RUN=true" : "DRY_RUN=false (real POST to a local server)", approvals,
                    recorder.percentileMillis(50), recorder.percentileMillis(99), recorder.percentileMillis(100)));
        }
        report.append("(").append(LatencyRecorder.machine()).append(")");
        LatencyRecorder.report("approval-latency", report.toString());
    }
}

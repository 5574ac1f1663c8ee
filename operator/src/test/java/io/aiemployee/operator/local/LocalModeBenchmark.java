package io.aiemployee.operator.local;

import static io.aiemployee.watcher.WatcherKind.APPROVAL;
import static io.aiemployee.watcher.WatcherKind.FILESYSTEM;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.watcher.WatcherKind;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode figures for docs/benchmarks.md, with the real watcher program (filesystem watcher and
 * dry-run approval handler): time from start to every watcher healthy, and from a kill -9 to the
 * "restarted successfully" log line minus the 2 s backoff. Run with {@code ./mvnw -B -Pbenchmark test}.
 */
@Tag("benchmark")
class LocalModeBenchmark {

    private static final int STARTS = 3;
    private static final int KILLS = 5;

    @TempDir
    Path temp;

    @Test
    void startToHealthyAndRestartReaction() throws Exception {
        List<Long> startMillis = new ArrayList<>();
        List<Double> reactionMillis = new ArrayList<>();
        for (int run = 0; run < STARTS; run++) {
            LinkedBlockingQueue<Long> restartLines = new LinkedBlockingQueue<>();
            LocalFixture fx = new LocalFixture(temp.resolve("run" + run));
            // the real 2 s first delay; a watcher healthy for 1 s starts a new streak, so every kill waits 2 s
            RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(32), Duration.ofSeconds(1));
            OrchestratorSettings settings = new OrchestratorSettings(fx.vault, java.util.Set.of(FILESYSTEM, APPROVAL),
                    fx.settings().credentials(), policy, Duration.ofSeconds(30), Duration.ofSeconds(120),
                    Duration.ofSeconds(120), Duration.ofSeconds(5), 1.0, Clock.systemDefaultZone(),
                    ProcessLauncher.forThisJvm(ProcessLauncher.WATCHER_MAIN, Map.of()), lineWatcher(restartLines));
            LocalOrchestrator orchestrator = new LocalOrchestrator(settings);
            try {
                orchestrator.start();
                startMillis.add(orchestrator.allHealthy().get(120, TimeUnit.SECONDS).toMillis());
                if (run == 0) {
                    for (int kill = 1; kill <= KILLS; kill++) {
                        final int expected = kill;
                        Thread.sleep(1500); // healthy for longer than resetAfter
                        long pid = LocalFixture.view(orchestrator, FILESYSTEM).pid();
                        long killedAt = System.nanoTime();
                        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                        Long lineAt = restartLines.poll(60, TimeUnit.SECONDS);
                        reactionMillis.add((lineAt - killedAt) / 1e6 - 2000);
                        await().atMost(Duration.ofSeconds(120)).until(() ->
                                LocalFixture.view(orchestrator, FILESYSTEM).restarts() == expected
                                        && LocalFixture.view(orchestrator, FILESYSTEM).state() == WatcherState.RUNNING);
                    }
                }
            } finally {
                orchestrator.stop();
            }
        }
        System.out.println("BENCHMARK local mode: start to all watchers healthy (ms): " + startMillis);
        System.out.println("BENCHMARK local mode: kill -9 to 'restarted successfully' minus 2 s backoff (ms): "
                + reactionMillis.stream().map(v -> String.format(java.util.Locale.ROOT, "%.1f", v)).toList());
        System.out.println("BENCHMARK machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + ", load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The console, noting when each "restarted successfully" line is printed. */
    private static PrintStream lineWatcher(LinkedBlockingQueue<Long> restartLines) {
        return new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public synchronized void write(int b) {
                System.out.write(b);
                if (b == '\n') {
                    if (line.indexOf("restarted successfully") >= 0) {
                        restartLines.add(System.nanoTime());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}

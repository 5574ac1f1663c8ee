package io.aiemployee.operator.local;

import static io.aiemployee.watcher.WatcherKind.APPROVAL;
import static io.aiemployee.watcher.WatcherKind.FILESYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.cli.AIEmployeeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aiemployee run} as a real process: a second one on the same vault is refused,
 * {@code aiemployee status} shows the table, and SIGTERM stops every child (killing the one that
 * ignores SIGTERM after the 5 s grace) and leaves the Offline row.
 */
class LocalModeProcessTest {

    @TempDir
    Path temp;

    private Process orchestrator;

    @AfterEach
    void killLeftovers() {
        if (orchestrator != null && orchestrator.isAlive()) {
            orchestrator.descendants().forEach(ProcessHandle::destroyForcibly);
            orchestrator.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsEveryChildAndWritesTheOfflineRow() throws Exception {
        LocalFixture fx = new LocalFixture(temp);
        fx.mode(APPROVAL, "ignore-term");
        Path vault = fx.vault.root();
        Path out = temp.resolve("orchestrator.out");
        List<String> command = new ArrayList<>(List.of(LocalFixture.JAVA, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), AIEmployeeCommand.class.getName(), "run", vault.toString(),
                "--watchers", "filesystem,approval", "--health-interval", "0.2", "--time-scale", "10",
                "--watcher-main-class", FakeWatcher.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put(ProcessLauncher.JAVA_OPTS_ENV, String.join(" ", LocalFixture.CHILD_JVM));
        builder.environment().put(Credentials.GMAIL_ENV, temp.resolve("no-gmail").toString());
        orchestrator = builder.start();

        Path statusFile = LocalOrchestrator.statusFile(fx.vault);
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(statusFile)
                && "Online".equals(LocalStatus.readFrom(statusFile).state()));

        // a second orchestrator on the same vault is refused
        Captured second = run("run", vault.toString(), "--watchers", "filesystem");
        assertThat(second.exitCode).isEqualTo(RunCommand.REFUSED);
        assertThat(second.err).contains("Another orchestrator is already running on the vault " + vault)
                .contains("pid " + orchestrator.pid());

        Captured status = run("status", vault.toString());
        assertThat(status.exitCode).isZero();
        assertThat(status.out).contains("SYSTEM: Online (System Online: All Watchers Active (disabled: ")
                .containsPattern("(?m)^NAME +STATE +PID +RESTARTS +LAST RESTART +LAST ERROR$")
                .containsPattern("(?m)^filesystem +Running +\\d+ +0 +- +-$")
                .containsPattern("(?m)^gmail +Disabled +- +0 +- +not selected \\(--watchers\\)$");

        List<Long> fsPids = fx.pids(FILESYSTEM);
        List<Long> approvalPids = fx.pids(APPROVAL);
        long sentAt = System.nanoTime();
        orchestrator.destroy(); // SIGTERM
        assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long tookMillis = (System.nanoTime() - sentAt) / 1_000_000;

        assertThat(orchestrator.exitValue()).isIn(0, 143);
        assertThat(tookMillis).as("waited the 5 s grace for the child ignoring SIGTERM").isGreaterThanOrEqualTo(5000);
        for (long pid : concat(fsPids, approvalPids)) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        assertThat(fx.stoppedCleanly(FILESYSTEM)).containsExactlyElementsOf(fsPids);
        assertThat(fx.stoppedCleanly(APPROVAL)).isEmpty();
        assertThat(fx.systemLog()).contains("INFO - Shutting down: stopping all watchers...")
                .contains("WARNING - Approval Handler did not stop within 5s, killing it")
                .contains("INFO - All watchers stopped. Orchestrator stopped.");
        String dashboard = fx.dashboard();
        String firstRow = dashboard.substring(dashboard.indexOf("| Timestamp | Action |")).lines().skip(2)
                .findFirst().orElseThrow();
        assertThat(firstRow).endsWith("| System_Status | ✗ Offline | System Offline: Orchestrator Stopped |");
        assertThat(dashboard).contains("| File System Watcher | Stopped |");

        Captured after = run("status", vault.toString());
        assertThat(after.out).contains("SYSTEM: Offline (no orchestrator is running on this vault)")
                .containsPattern("(?m)^filesystem +Stopped +- +0");
    }

    private record Captured(int exitCode, String out, String err) {
    }

    private static synchronized Captured run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new AIEmployeeCommand()).execute(args);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

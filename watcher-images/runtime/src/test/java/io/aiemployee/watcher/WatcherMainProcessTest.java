package io.aiemployee.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.watcher.testing.WatcherProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real program in a child JVM, as the pods and local mode start it. */
class WatcherMainProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheWatcherWithin5SecondsAndExits0() throws Exception {
        Path vault = dir.resolve("vault");
        Path heartbeat = dir.resolve("filesystem.heartbeat");
        Process process = start(List.of("filesystem", "--vault", vault.toString(), "--heartbeat-file", heartbeat.toString(),
                "--poll-interval-ms", "100"), null);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(heartbeat));
            Files.writeString(vault.resolve("Inbox/hello.txt"), "hi");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(vault.resolve("Done/Inbox/hello.txt")));

            long sent = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(vault.resolve("Logs/File System Watcher.log")))
                    .contains("File System Watcher starting").contains("File System Watcher stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aWatcherThatIgnoresSigtermIsStoppedAfter5SecondsWithExit1() throws Exception {
        Path heartbeat = dir.resolve("stubborn.heartbeat");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), io.aiemployee.watcher.testing.StubbornWatcherMain.class.getName(),
                dir.resolve("vault").toString(), heartbeat.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stubborn.out").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(heartbeat));
            long sent = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
            assertThat(process.exitValue()).isEqualTo(ExitCodes.CRASH);
            assertThat(Files.readString(dir.resolve("vault/Logs/File System Watcher.log"))).contains("did not stop within 5 s");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aWrongOptionExits78WithTheReasonInTheTerminationLog() throws Exception {
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        Process process = start(List.of("filesystem", "--vault", dir.toString(), "--no-such-option"), terminationLog);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).contains("--no-such-option").endsWith("\n").hasLineCount(1);
    }

    @Test
    void noVaultExits78() throws Exception {
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        Process process = start(List.of("filesystem", "--termination-log", terminationLog.toString()), terminationLog);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).contains("--vault");
    }

    private Process start(List<String> args, Path terminationLog) throws IOException {
        Map<String, String> env = terminationLog == null ? Map.of() : Map.of("TERMINATION_LOG", terminationLog.toString());
        return WatcherProcess.start(dir.resolve("child-" + System.nanoTime() + ".out"), env, args);
    }
}

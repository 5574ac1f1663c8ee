package io.aiemployee.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.vault.VaultFolder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class WatcherRunnerTest {

    @TempDir
    Path dir;

    @Test
    void configurationErrorExits78AndWritesTheReasonToTheTerminationLog() throws IOException {
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        WatcherOptions options = WatcherOptions.forVault(dir.resolve("vault")).terminationLog(terminationLog);

        int code = new WatcherRunner(watcher(context -> {
            throw new ConfigurationException("SMTP password missing:\nset SMTP_PASSWORD");
        }), options).runUntilStopped();

        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).isEqualTo("SMTP password missing: set SMTP_PASSWORD\n");
    }

    @Test
    void aMissingVaultIsAConfigurationError() throws IOException {
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        int code = new WatcherRunner(watcher(context -> { }), new WatcherOptions().terminationLog(terminationLog))
                .runUntilStopped();
        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(Files.readString(terminationLog)).contains("VAULT_PATH");
    }

    @Test
    void aTerminationLogThatDoesNotExistIsNotCreated() {
        Path terminationLog = dir.resolve("absent");
        int code = new WatcherRunner(watcher(context -> {
            throw new ConfigurationException("bad");
        }), WatcherOptions.forVault(dir.resolve("vault")).terminationLog(terminationLog)).runUntilStopped();
        assertThat(code).isEqualTo(78);
        assertThat(terminationLog).doesNotExist();
    }

    @Test
    void aCrashExits1AndAReturnExits0() {
        WatcherOptions options = WatcherOptions.forVault(dir.resolve("vault")).terminationLog(dir.resolve("none"));
        assertThat(new WatcherRunner(watcher(context -> {
            throw new IllegalStateException("boom");
        }), options).runUntilStopped()).isEqualTo(ExitCodes.CRASH);
        assertThat(new WatcherRunner(watcher(context -> { }), options).runUntilStopped()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void createsMissingFoldersKeepsExistingFilesAndLogsToTheVault() throws IOException {
        Path vault = dir.resolve("vault");
        Files.createDirectories(vault.resolve("Inbox"));
        Files.writeString(vault.resolve("Inbox/keep.txt"), "mine");

        int code = new WatcherRunner(watcher(context ->
                LoggerFactory.getLogger("test").info("hello from the loop")), WatcherOptions.forVault(vault)).runUntilStopped();

        assertThat(code).isZero();
        for (VaultFolder folder : VaultFolder.values()) {
            assertThat(vault.resolve(folder.dirName())).isDirectory();
        }
        assertThat(Files.readString(vault.resolve("Inbox/keep.txt"))).isEqualTo("mine");
        assertThat(Files.readString(vault.resolve("Logs/File System Watcher.log"))).contains("hello from the loop");
    }

    @Test
    void stopEndsTheLoopAndExits0() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WatcherRunner runner = new WatcherRunner(watcher(context -> {
            started.countDown();
            while (!context.awaitStop(Duration.ofSeconds(30))) {
                context.heartbeat();
            }
        }), WatcherOptions.forVault(dir.resolve("vault")));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(runner::runUntilStopped);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(runner.stop()).isTrue();
        assertThat(code.get(1, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void healthzAnswers200WhileTheLoopBeatsAnd503OnceItStalls() throws Exception {
        AtomicBoolean hang = new AtomicBoolean();
        Path heartbeat = dir.resolve("run/heartbeat");
        int port = freePort();
        WatcherRunner runner = new WatcherRunner(watcher(context -> {
            while (!context.stopRequested()) {
                if (!hang.get()) {
                    context.heartbeat();
                }
                context.awaitStop(Duration.ofMillis(20));
            }
        }), WatcherOptions.forVault(dir.resolve("vault")).healthPort(port).heartbeatFile(heartbeat)
                .stallTimeout(Duration.ofMillis(400)));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(runner::runUntilStopped);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build();

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThat(heartbeat).exists();

        hang.set(true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode() == 503);
        assertThat(http.send(healthz, HttpResponse.BodyHandlers.ofString()).body()).contains("stalled");
        long staleAge = System.currentTimeMillis() - Files.getLastModifiedTime(heartbeat).toMillis();
        assertThat(staleAge).isGreaterThanOrEqualTo(300);

        hang.set(false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThat(runner.stop()).isTrue();
        assertThat(code.get()).isZero();
    }

    @Test
    void aHealthPortInUseIsAConfigurationError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int code = new WatcherRunner(watcher(context -> { }),
                    WatcherOptions.forVault(dir.resolve("vault")).healthPort(taken.getLocalPort())
                            .terminationLog(dir.resolve("none"))).runUntilStopped();
            assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    interface Body {
        void run(WatcherContext context) throws Exception;
    }

    private static Watcher watcher(Body body) {
        return new Watcher() {
            @Override
            public WatcherKind kind() {
                return WatcherKind.FILESYSTEM;
            }

            @Override
            public void run(WatcherContext context) throws Exception {
                body.run(context);
            }
        };
    }
}

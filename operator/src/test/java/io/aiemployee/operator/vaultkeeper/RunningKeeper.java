package io.aiemployee.operator.vaultkeeper;

import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The vault-keeper program run in-process, as {@code aiemployee vault-keeper} runs it, against a test API server. */
final class RunningKeeper implements AutoCloseable {

    private final WatcherRunner runner;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    RunningKeeper(KubernetesClient client, String namespace, String name, Path vault, Clock clock) {
        runner = new WatcherRunner(new VaultKeeper(client, namespace, name, clock, Duration.ofMillis(100)),
                WatcherOptions.forVault(vault).terminationLog(vault.resolve("termination-log")), clock);
        Thread thread = new Thread(() -> exit.complete(runner.runUntilStopped()), "vault-keeper-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** The exit code, once the keeper has stopped on its own. */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public void close() throws InterruptedException {
        runner.stop();
    }
}

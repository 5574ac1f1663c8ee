package io.aiemployee.watcher.testing;

import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A watcher running in the test JVM through the real {@link WatcherRunner} (vault folders, logging,
 * exit codes), on its own thread. Closing it stops the watcher and checks that it exited cleanly.
 * Other modules get it through the runtime's test-jar.
 */
public final class RunningWatcher implements AutoCloseable {

    private final WatcherRunner runner;
    private final CompletableFuture<Integer> exitCode;

    private RunningWatcher(WatcherRunner runner) {
        this.runner = runner;
        this.exitCode = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exitCode.complete(runner.runUntilStopped());
            } catch (Throwable t) {
                exitCode.completeExceptionally(t);
            }
        }, "watcher-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    public static RunningWatcher start(Watcher watcher, WatcherOptions options) {
        return new RunningWatcher(new WatcherRunner(watcher, options));
    }

    /** The same with the clock the watcher reads (e.g. a fixed one, for a known date in file names). */
    public static RunningWatcher start(Watcher watcher, WatcherOptions options, Clock clock) {
        return new RunningWatcher(new WatcherRunner(watcher, options, clock));
    }

    public WatcherRunner runner() {
        return runner;
    }

    /** Stops the watcher and returns its exit code; fails when it does not stop within the grace period. */
    public int stop() throws Exception {
        if (!runner.stop()) {
            throw new AssertionError("the watcher did not stop within " + WatcherRunner.STOP_GRACE);
        }
        return exitCode.get(1, TimeUnit.SECONDS);
    }

    public boolean exited() {
        return exitCode.isDone();
    }

    @Override
    public void close() throws Exception {
        if (!exitCode.isDone()) {
            int code = stop();
            if (code != 0) {
                throw new AssertionError("the watcher exited with " + code);
            }
        }
    }
}

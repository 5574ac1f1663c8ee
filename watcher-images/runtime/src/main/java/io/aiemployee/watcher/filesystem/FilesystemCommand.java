package io.aiemployee.watcher.filesystem;

import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watcher filesystem}: Inbox → Needs_Action. */
@Command(name = "filesystem", mixinStandardHelpOptions = true,
        description = "Watches Inbox/ and turns each dropped file into a copy and an action file in Needs_Action/.")
public final class FilesystemCommand implements Callable<Integer> {

    @Mixin
    WatcherOptions options;

    @Option(names = "--poll-interval-ms", defaultValue = "${env:POLL_INTERVAL_MS:-500}",
            description = "How often the loop wakes up, in milliseconds (env POLL_INTERVAL_MS, default 500).")
    long pollIntervalMillis;

    @Option(names = "--stable-ms", defaultValue = "${env:STABLE_MS:-1000}",
            description = "A file is handled once its size and time stayed the same this long, in milliseconds "
                    + "(env STABLE_MS, default 1000).")
    long stableMillis;

    @Option(names = "--rescan-seconds", defaultValue = "${env:RESCAN_SECONDS:-30}",
            description = "Full Inbox rescan interval, catching any missed event (env RESCAN_SECONDS, default 30).")
    long rescanSeconds;

    @Override
    public Integer call() {
        FilesystemWatcher.Settings settings = new FilesystemWatcher.Settings(
                Duration.ofMillis(Math.max(1, pollIntervalMillis)), Duration.ofMillis(Math.max(0, stableMillis)),
                Duration.ofSeconds(Math.max(1, rescanSeconds)));
        return WatcherRunner.run(new FilesystemWatcher(settings), options);
    }
}

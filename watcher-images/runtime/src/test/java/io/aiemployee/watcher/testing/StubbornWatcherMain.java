package io.aiemployee.watcher.testing;

import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.WatcherLogging;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.nio.file.Path;

/** A process whose watcher ignores stop requests: {@code main(vault, heartbeatFile)}. */
public final class StubbornWatcherMain {

    public static void main(String[] args) {
        WatcherLogging.selectConfiguration();
        Watcher stubborn = new Watcher() {
            @Override
            public WatcherKind kind() {
                return WatcherKind.FILESYSTEM;
            }

            @Override
            public void run(WatcherContext context) throws Exception {
                while (true) {
                    context.heartbeat();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ignored) {
                        // stubborn
                    }
                }
            }
        };
        System.exit(WatcherRunner.run(stubborn, WatcherOptions.forVault(Path.of(args[0])).heartbeatFile(Path.of(args[1]))));
    }
}

package io.aiemployee.watcher.gmail;

import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.WatcherPlugin;

/** Registers {@code watcher gmail} with the runtime's command line. */
public final class GmailPlugin implements WatcherPlugin {

    @Override
    public WatcherKind kind() {
        return WatcherKind.GMAIL;
    }

    @Override
    public Object command() {
        return new GmailCommand();
    }
}

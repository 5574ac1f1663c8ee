package io.aiemployee.watcher.whatsapp;

import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.WatcherPlugin;

/** Registers {@code watcher whatsapp} with the runtime's command line. */
public final class WhatsAppPlugin implements WatcherPlugin {

    @Override
    public WatcherKind kind() {
        return WatcherKind.WHATSAPP;
    }

    @Override
    public Object command() {
        return new WhatsAppCommand();
    }
}

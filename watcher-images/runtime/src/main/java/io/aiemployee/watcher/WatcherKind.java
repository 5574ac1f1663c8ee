package io.aiemployee.watcher;

import java.util.Arrays;
import java.util.Optional;

/**
 * The watchers the product knows. {@code id} is the CLI subcommand, the key in the AIEmployee spec
 * and the {@code app.kubernetes.io/component} label; {@code displayName} is the name users know from
 * the logs and the dashboard.
 */
public enum WatcherKind {
    FILESYSTEM("filesystem", "File System Watcher", WatcherImages.WATCHER),
    GMAIL("gmail", "Gmail Inbox Watcher", WatcherImages.WATCHER),
    WHATSAPP("whatsapp", "WhatsApp Watcher", WatcherImages.WATCHER_WHATSAPP),
    APPROVAL("approval", "Approval Handler", WatcherImages.WATCHER);

    private final String id;
    private final String displayName;
    private final String defaultImage;

    WatcherKind(String id, String displayName, String defaultImage) {
        this.id = id;
        this.displayName = displayName;
        this.defaultImage = defaultImage;
    }

    public String id() { return id; }

    public String displayName() { return displayName; }

    public String defaultImage() { return defaultImage; }

    public static Optional<WatcherKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }
}

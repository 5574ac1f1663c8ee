package io.aiemployee.watcher;

/**
 * The default container image names, in one place. The operator uses them when an AIEmployee does
 * not name an image; the Helm chart's defaults and watcher-images/README.md repeat them, and a
 * test checks they agree.
 */
public final class WatcherImages {

    public static final String REGISTRY = "ghcr.io/aiemployee";
    public static final String TAG = "0.1.0";
    /** Filesystem watcher, approval handler and Gmail watcher. */
    public static final String WATCHER = REGISTRY + "/watcher:" + TAG;
    /** The WhatsApp watcher: the watcher image plus Debian's Chromium. */
    public static final String WATCHER_WHATSAPP = REGISTRY + "/watcher-whatsapp:" + TAG;
    /** The operator itself; its image also runs the vault-keeper. */
    public static final String OPERATOR = REGISTRY + "/operator:" + TAG;

    private WatcherImages() {
    }
}

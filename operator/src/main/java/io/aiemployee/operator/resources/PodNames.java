package io.aiemployee.operator.resources;

import io.aiemployee.watcher.WatcherKind;

/** Names of the objects the operator creates. */
public final class PodNames {

    private PodNames() {
    }

    /** {@code <name>-<watcher>-<serial>}: unique per replacement, so a crashed pod's logs stay readable. */
    public static String podName(String ownerName, WatcherKind kind, long serial) {
        return ownerName + "-" + kind.id() + "-" + serial;
    }

    /** {@code <name>-vault}. */
    public static String vaultClaimName(String ownerName) {
        return ownerName + "-vault";
    }
}

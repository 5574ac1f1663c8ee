package io.aiemployee.operator.resources;

import io.aiemployee.watcher.WatcherKind;

/** Names of the objects the operator creates. */
public final class PodNames {

    private PodNames() {
    }

    /** {@code <name>-<watcher>-<serial>}: unique per replacement, so a crashed pod's logs stay readable. */
    public static String podName(String ownerName, WatcherKind kind, long serial) {
        return podName(ownerName, Workload.of(kind), serial);
    }

    /** {@code <name>-<workload>-<serial>}, e.g. {@code alice-vault-keeper-1}. */
    public static String podName(String ownerName, Workload workload, long serial) {
        return ownerName + "-" + workload.id() + "-" + serial;
    }

    /** {@code <name>-vault-keeper}: the vault-keeper's ServiceAccount, Role and RoleBinding. */
    public static String vaultKeeperName(String ownerName) {
        return ownerName + "-" + Workload.VAULT_KEEPER.id();
    }

    /** {@code <name>-vault}. */
    public static String vaultClaimName(String ownerName) {
        return ownerName + "-vault";
    }
}

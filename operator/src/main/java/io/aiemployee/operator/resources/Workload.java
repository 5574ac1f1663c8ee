package io.aiemployee.operator.resources;

import io.aiemployee.watcher.WatcherKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator runs pods for: one of the watchers, or the vault-keeper. {@code id} is the
 * {@code app.kubernetes.io/component} label, the middle of the pod name and the name of the entry in
 * {@code status.watchers}; {@code displayName} is what people read in events and on the dashboard.
 */
public record Workload(String id, String displayName) {

    /** The vault-keeper: writes the status into Dashboard.md; not a watcher, not counted in READY. */
    public static final Workload VAULT_KEEPER = new Workload("vault-keeper", "Vault Keeper");

    public Workload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }

    public static Workload of(WatcherKind kind) {
        return new Workload(kind.id(), kind.displayName());
    }

    /** The watcher or the vault-keeper with this id; empty for anything else. */
    public static Optional<Workload> byId(String id) {
        if (VAULT_KEEPER.id.equals(id)) {
            return Optional.of(VAULT_KEEPER);
        }
        return WatcherKind.byId(id).map(Workload::of);
    }

    /** The watcher this workload is, or empty for the vault-keeper. */
    public Optional<WatcherKind> watcherKind() {
        return WatcherKind.byId(id);
    }
}

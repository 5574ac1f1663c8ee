package io.aiemployee.operator.vaultkeeper;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.VaultReport;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.vault.dashboard.DashboardPublisher;
import io.aiemployee.vault.dashboard.DashboardWriter;
import io.aiemployee.vault.dashboard.FolderCounter;
import io.aiemployee.vault.dashboard.FolderCounts;
import io.aiemployee.vault.dashboard.SystemSnapshot;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.SupervisedLoop;
import io.aiemployee.watcher.WatcherContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault-keeper: watches its one AIEmployee and writes every status change into the vault's
 * Dashboard.md (through the dashboard library, so the user's own text stays), counts the files in
 * the vault's folders and reports them in {@code status.vault}, a field the operator never writes.
 * When the AIEmployee is being deleted and the operator has marked it Offline, it writes the Offline
 * row and acknowledges with {@code status.vault.offlineWrittenAt}, which releases the finalizer.
 *
 * <p>Runs under the watcher process contract ({@link io.aiemployee.watcher.WatcherRunner}): vault
 * folders created on start, {@code /healthz}, exit 0 on SIGTERM, 1 on a crash (also when the watch
 * on the AIEmployee is lost, so the operator restarts it with backoff), 78 when it is not told which
 * AIEmployee is its own.
 */
public final class VaultKeeper implements SupervisedLoop {

    private static final Logger LOG = LoggerFactory.getLogger(VaultKeeper.class);

    /** How often the folders are counted when nothing else happens; status changes wake it at once. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Clock clock;
    private final Duration interval;

    public VaultKeeper(KubernetesClient client, String namespace, String name, Clock clock, Duration interval) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
        this.name = name;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String displayName() {
        return Workload.VAULT_KEEPER.displayName();
    }

    @Override
    public void run(WatcherContext context) throws Exception {
        if (isBlank(name) || isBlank(namespace)) {
            throw new ConfigurationException("the vault-keeper needs its AIEmployee: set AIEMPLOYEE_NAME and "
                    + "AIEMPLOYEE_NAMESPACE (or --name and --namespace)");
        }
        VaultLayout vault = context.vault().ensureFolders();
        DashboardPublisher dashboard = new DashboardPublisher(DashboardWriter.forVault(vault));
        Semaphore changed = new Semaphore(0);
        SharedIndexInformer<AIEmployee> informer = client.resources(AIEmployee.class).inNamespace(namespace)
                .withName(name).inform(new Wakeup(changed));
        LOG.info("Vault keeper watching AIEmployee {}/{}, vault {}", namespace, name, vault.root());
        try {
            SystemSnapshot shown = null;
            while (!context.stopRequested()) {
                context.heartbeat();
                var stopped = informer.stopped().toCompletableFuture();
                if (stopped.isDone()) {
                    throw new IllegalStateException("lost the watch on AIEmployee " + namespace + "/" + name,
                            stopped.handle((ok, error) -> error).getNow(null));
                }
                AIEmployee current = informer.getStore().getByKey(namespace + "/" + name);
                if (current != null) {
                    shown = keep(vault, dashboard, current, shown);
                }
                changed.tryAcquire(interval.toNanos(), TimeUnit.NANOSECONDS);
                changed.drainPermits();
            }
        } finally {
            informer.close();
        }
    }

    /** One round: dashboard, folder counts, and the Offline acknowledgement on deletion. */
    private SystemSnapshot keep(VaultLayout vault, DashboardPublisher dashboard, AIEmployee current,
                                SystemSnapshot shown) throws Exception {
        Instant now = clock.instant();
        AIEmployeeStatus status = current.getStatus();
        FolderCounts counts = FolderCounter.count(vault);
        SystemSnapshot snapshot = DashboardSnapshots.of(status, counts, now);
        if (!DashboardSnapshots.sameContent(shown, snapshot)) {
            dashboard.publish(snapshot);
            shown = snapshot;
        }
        VaultReport reported = VaultReport.of(status).orElse(null);
        if (reported == null || !countsOf(reported).equals(counts)) {
            patchVault(new VaultReport(counts.inbox(), counts.needsAction(), counts.pendingApproval(),
                    counts.approved(), counts.done(), Timestamps.format(now), null));
        }
        boolean offlineForDeletion = current.isMarkedForDeletion() && status != null
                && status.systemStatus() == SystemStatus.Offline;
        if (offlineForDeletion && (reported == null || reported.offlineWrittenAt() == null)) {
            // the snapshot just published (or already shown) is this Offline status
            patchVault(new VaultReport(null, null, null, null, null, null, Timestamps.format(now)));
            LOG.info("Wrote the Offline row for {}/{}: {}", namespace, name, status.message());
        }
        return shown;
    }

    private void patchVault(VaultReport report) {
        client.resources(AIEmployee.class).inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), report.asStatusMergePatch());
    }

    private static FolderCounts countsOf(VaultReport report) {
        return new FolderCounts(zero(report.inbox()), zero(report.needsAction()), zero(report.pendingApproval()),
                zero(report.approved()), zero(report.done()));
    }

    private static int zero(Integer value) {
        return value == null ? -1 : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Wakes the loop on every change of the AIEmployee. */
    private record Wakeup(Semaphore changed) implements ResourceEventHandler<AIEmployee> {
        @Override
        public void onAdd(AIEmployee resource) {
            changed.release();
        }

        @Override
        public void onUpdate(AIEmployee before, AIEmployee after) {
            changed.release();
        }

        @Override
        public void onDelete(AIEmployee resource, boolean deletedFinalStateUnknown) {
            changed.release();
        }
    }
}

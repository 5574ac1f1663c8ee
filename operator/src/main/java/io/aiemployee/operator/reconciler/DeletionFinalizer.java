package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.VaultReport;
import io.aiemployee.operator.observe.PodObserver;
import io.aiemployee.operator.observe.PodState;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.operator.restart.WatcherEvent;
import io.aiemployee.operator.status.Conditions;
import io.aiemployee.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What happens when an AIEmployee is deleted, before Kubernetes removes it: stop the watchers
 * (delete their pods), mark the system Offline ("System Offline: AIEmployee Deleted"), then wait
 * until the vault-keeper acknowledges that it wrote the Offline row into Dashboard.md
 * ({@code status.vault.offlineWrittenAt}), at most {@link #KEEPER_TIMEOUT} from when the operator
 * began (the Terminating condition's lastTransitionTime, so an operator restart does not extend it).
 * No keeper running means nobody to wait for. The finalizer then goes, and the garbage collector
 * removes everything the AIEmployee owns; a retained vault claim has no owner and stays.
 */
final class DeletionFinalizer {

    static final Duration KEEPER_TIMEOUT = Duration.ofSeconds(30);

    private final TimeScale time;

    DeletionFinalizer(TimeScale time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    DeleteControl cleanup(AIEmployee resource, Context<AIEmployee> context) {
        KubernetesClient client = context.getClient();
        String namespace = resource.getMetadata().getNamespace();
        Instant now = time.clock().instant();
        Set<Pod> pods = context.getSecondaryResources(Pod.class);

        // stop the watchers; the keeper keeps running to write the Offline row
        pods.stream().map(PodObserver::observe).flatMap(java.util.Optional::stream)
                .filter(pod -> pod.kind() != null && !pod.terminating())
                .forEach(pod -> client.pods().inNamespace(namespace).withName(pod.name()).delete());

        AIEmployeeStatus previous = resource.getStatus();
        Long generation = resource.getMetadata().getGeneration();
        AIEmployeeStatus offline = StatusAggregator.deleting(generation == null ? 0 : generation, previous, now);
        if (!offline.equals(previous)) {
            patchStatus(client, resource, offline);
        }
        var events = new EventRecorder(client, time.clock());

        if (VaultReport.of(previous).map(VaultReport::offlineWrittenAt).isPresent()) {
            return DeleteControl.defaultDelete();
        }
        boolean keeperRunning = PodObserver.of(Workload.VAULT_KEEPER, pods).stream()
                .anyMatch(pod -> pod.state() == PodState.RUNNING && !pod.terminating());
        if (!keeperRunning) {
            events.record(resource, WatcherEvent.warning("VaultKeeperNotRunning",
                    "No vault-keeper is running to write the Offline row into Dashboard.md; deleting without it"));
            return DeleteControl.defaultDelete();
        }
        Instant since = offline.condition(Conditions.TERMINATING).map(Condition::getLastTransitionTime)
                .map(Timestamps::parse).orElse(now);
        Instant deadline = since.plus(KEEPER_TIMEOUT);
        if (!now.isBefore(deadline)) {
            events.record(resource, WatcherEvent.warning("VaultKeeperTimeout", "The vault-keeper did not confirm the "
                    + "Offline row within " + KEEPER_TIMEOUT.toSeconds() + " s; deleting without it"));
            return DeleteControl.defaultDelete();
        }
        Duration wait = time.realDelay(Duration.between(now, deadline));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    /**
     * A JSON patch of the status computed against what the operator read, as the reconciler's own
     * status updates are, so {@code status.vault} (the keeper's) is never touched.
     */
    private static void patchStatus(KubernetesClient client, AIEmployee resource, AIEmployeeStatus status) {
        var base = new AIEmployee(resource.getMetadata().getNamespace(), resource.getMetadata().getName(), null);
        base.setStatus(resource.getStatus());
        AIEmployee patched = client.resources(AIEmployee.class).inNamespace(resource.getMetadata().getNamespace())
                .resource(base).editStatus(current -> {
                    current.setStatus(status.withVaultOf(current.getStatus()));
                    return current;
                });
        // JOSDK removes the finalizer with a JSON patch computed from this object: without the new status
        // and version that patch would also undo the status change, and fail (422) on what it no longer finds
        resource.setStatus(patched.getStatus());
        resource.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    }
}

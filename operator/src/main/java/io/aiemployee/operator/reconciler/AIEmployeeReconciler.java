package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SpecValidator;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observability.OperatorMetrics;
import io.aiemployee.operator.observe.PodObservation;
import io.aiemployee.operator.observe.PodObserver;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.resources.TemplateHashes;
import io.aiemployee.operator.resources.VaultKeeperPod;
import io.aiemployee.operator.resources.WatcherPod;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.operator.restart.PodAction;
import io.aiemployee.operator.restart.RestartDecider;
import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.operator.restart.WatcherDecision;
import io.aiemployee.operator.restart.WatcherEvent;
import io.aiemployee.operator.restart.WatcherInput;
import io.aiemployee.operator.status.StatusAggregator;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs one AIEmployee: observe (what its pods say), decide (pure restart decisions per watcher and
 * for the vault-keeper), act (create and delete pods, keep the vault claim), record (status, events).
 * Writes only when something changed, so a steady-state health check costs no write request. On
 * deletion, {@link DeletionFinalizer} stops the watchers and waits for the keeper's Offline row.
 */
public class AIEmployeeReconciler implements Reconciler<AIEmployee>, Cleaner<AIEmployee> {

    static final String POD_EVENT_SOURCE = "watcher-pods";
    static final String CLAIM_EVENT_SOURCE = "vault-claims";

    private final TimeScale time;
    private final RestartDecider decider;
    private final OperatorMetrics metrics;
    private final UnaryOperator<Pod> podDecorator;
    private final TemplateHashes templateHashes = new TemplateHashes();

    public AIEmployeeReconciler() {
        this(TimeScale.REAL);
    }

    public AIEmployeeReconciler(TimeScale time) {
        this(time, new OperatorMetrics(new SimpleMeterRegistry()), UnaryOperator.identity());
    }

    public AIEmployeeReconciler(TimeScale time, OperatorMetrics metrics) {
        this(time, metrics, UnaryOperator.identity());
    }

    public AIEmployeeReconciler(TimeScale time, UnaryOperator<Pod> podDecorator) {
        this(time, new OperatorMetrics(new SimpleMeterRegistry()), podDecorator);
    }

    /**
     * @param podDecorator applied to each desired watcher pod just before it is created (after its
     *                     template hash is computed); the tests on a real cluster use it to run a
     *                     small public image instead of the watcher image
     */
    public AIEmployeeReconciler(TimeScale time, OperatorMetrics metrics, UnaryOperator<Pod> podDecorator) {
        this.time = Objects.requireNonNull(time, "time");
        this.decider = new RestartDecider(time.clock());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.podDecorator = Objects.requireNonNull(podDecorator, "podDecorator");
    }

    @Override
    public List<EventSource<?, AIEmployee>> prepareEventSources(EventSourceContext<AIEmployee> context) {
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, AIEmployee.class)
                        .withName(POD_EVENT_SOURCE)
                        .withLabelSelector(Labels.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(byInstanceLabel())
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, AIEmployee.class)
                        .withName(CLAIM_EVENT_SOURCE)
                        .withLabelSelector(Labels.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(byInstanceLabel())
                        .build(), context));
    }

    /** Label-based, because a retained vault claim deliberately has no owner reference. */
    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> byInstanceLabel() {
        return resource -> {
            Map<String, String> labels = resource.getMetadata().getLabels();
            String instance = labels == null ? null : labels.get(Labels.INSTANCE);
            return instance == null ? Set.of() : Set.of(new ResourceID(instance, resource.getMetadata().getNamespace()));
        };
    }

    @Override
    public UpdateControl<AIEmployee> reconcile(AIEmployee resource, Context<AIEmployee> context) {
        if (resource.getSpec() == null) {
            resource.setSpec(new AIEmployeeSpec(null, null, null, null, null));
        }
        var client = context.getClient();
        var events = new EventRecorder(client, time.clock());
        Instant now = time.clock().instant();
        long generation = generation(resource);
        AIEmployeeStatus previous = resource.getStatus();

        // observe
        List<String> problems = SpecValidator.validate(resource);
        if (!problems.isEmpty()) {
            return recordInvalidSpec(resource, problems, previous, generation, now, events, context);
        }
        // a list, not getSecondaryResources' Set: hashing whole Pod objects was a fifth of the reconciler's CPU at scale
        List<Pod> pods = context.getSecondaryResourcesAsStream(Pod.class).toList();
        Map<WatcherKind, List<PodObservation>> observed = PodObserver.byWatcher(pods);

        // decide
        AIEmployeeSpec spec = resource.getSpec();
        RestartPolicy policy = spec.effectiveRestartPolicy().toRestartPolicy();
        List<WatcherDecision> decisions = new ArrayList<>();
        int enabled = 0;
        for (WatcherKind kind : WatcherKind.values()) {
            boolean present = spec.effectiveWatchers().settingsOf(kind) != null;
            boolean wanted = spec.effectiveWatchers().isEnabled(kind);
            List<PodObservation> kindPods = observed.getOrDefault(kind, List.of());
            WatcherStatus prev = previous == null ? null : previous.watcher(kind.id()).orElse(null);
            if (!present && kindPods.isEmpty()) {
                continue;
            }
            if (wanted) {
                enabled++;
            }
            decisions.add(decider.decide(new WatcherInput(resource.getMetadata().getName(), kind, wanted,
                    spec.effectiveSuspend(), generation, wanted ? templateHashes.of(resource, Workload.of(kind)) : null,
                    policy, prev, kindPods)));
        }

        // the vault-keeper: the same restart rules; it runs while the AIEmployee exists, also when suspended
        WatcherDecision keeper = decider.decide(new WatcherInput(resource.getMetadata().getName(), Workload.VAULT_KEEPER,
                true, false, generation, templateHashes.of(resource, Workload.VAULT_KEEPER), policy,
                previous == null ? null : previous.watcher(Workload.VAULT_KEEPER.id()).orElse(null),
                PodObserver.of(Workload.VAULT_KEEPER, pods)));

        // act
        new VaultClaimReconciler(client).reconcile(resource, context.getSecondaryResource(PersistentVolumeClaim.class));
        var podEvents = podEventSource(context);
        for (WatcherDecision decision : withKeeper(decisions, keeper)) {
            for (PodAction action : decision.actions()) {
                act(resource, action, client, podEvents);
            }
        }

        // record
        withKeeper(decisions, keeper).stream().flatMap(d -> d.events().stream()).forEach(e -> events.record(resource, e));
        List<WatcherStatus> watchers = decisions.stream().map(WatcherDecision::status).toList();
        AIEmployeeStatus status = StatusAggregator.aggregate(generation, spec.effectiveSuspend(), enabled, watchers,
                keeper.status(), previous, now);
        Instant wakeAt = withKeeper(decisions, keeper).stream().flatMap(d -> d.wakeAt().stream())
                .min(Instant::compareTo).orElse(null);
        // measured after acting, so the time spent creating pods and events does not lengthen the wait
        return withStatus(resource, previous, status, context)
                .rescheduleAfter(nextCheck(spec, time.clock().instant(), wakeAt));
    }

    @Override
    public DeleteControl cleanup(AIEmployee resource, Context<AIEmployee> context) {
        DeleteControl control = new DeletionFinalizer(time).cleanup(resource, context);
        if (control.isRemoveFinalizer()) {
            metrics.forget(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
            templateHashes.forget(resource);
        }
        return control;
    }

    private static List<WatcherDecision> withKeeper(List<WatcherDecision> watchers, WatcherDecision keeper) {
        var all = new ArrayList<>(watchers);
        all.add(keeper);
        return all;
    }

    /** The clock and speed this reconciler runs at (the retry intervals follow it, see {@link ReconcileRetry}). */
    public TimeScale timeScale() {
        return time;
    }

    /**
     * A reconciliation failed (typically an API error): say so in an event, then let JOSDK retry
     * ({@link ReconcileRetry}: it never gives up).
     * Without this the failure would only be in the operator's log.
     */
    @Override
    public ErrorStatusUpdateControl<AIEmployee> updateErrorStatus(AIEmployee resource, Context<AIEmployee> context,
                                                                  Exception e) {
        String attempt = context.getRetryInfo()
                .map(r -> " (attempt " + r.getAttemptCount() + ", retrying)")
                .orElse("");
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (cause.length() > 300) {
            cause = cause.substring(0, 297) + "...";
        }
        new EventRecorder(context.getClient(), time.clock())
                .record(resource, WatcherEvent.warning("ReconcileError", "Reconciliation failed: " + cause + attempt));
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    private UpdateControl<AIEmployee> recordInvalidSpec(AIEmployee resource, List<String> problems,
                                                        AIEmployeeStatus previous, long generation, Instant now,
                                                        EventRecorder events, Context<AIEmployee> context) {
        AIEmployeeStatus status = StatusAggregator.invalidSpec(generation, problems, previous, now);
        boolean alreadyReported = previous != null && Objects.equals(previous.message(), status.message());
        if (!alreadyReported) {
            events.record(resource, WatcherEvent.warning("InvalidSpec", String.join("; ", problems)));
        }
        // no reschedule: only a spec change can fix it, and that triggers a reconciliation
        return withStatus(resource, previous, status, context);
    }

    /**
     * Patches the status (a JSON patch against what was read, so {@code status.vault}, the
     * vault-keeper's, is never touched) and puts the result into JOSDK's cache, so the next
     * reconciliation, which a pod event may start a few milliseconds later, does not decide again
     * from the status before this one (duplicate events, a failure recorded twice).
     */
    private UpdateControl<AIEmployee> withStatus(AIEmployee resource, AIEmployeeStatus previous,
                                                 AIEmployeeStatus status, Context<AIEmployee> context) {
        metrics.reconciled(resource, previous, status);
        if (!status.equals(previous)) {
            // after a 409 the function runs again on a newer copy: take vault from that copy, never
            // from the status computed before, or a retry would undo what the keeper just wrote
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(resource, context, current -> {
                current.setStatus(status.withVaultOf(current.getStatus()));
                return current;
            });
        }
        return UpdateControl.noUpdate();
    }

    private void act(AIEmployee owner, PodAction action, KubernetesClient client,
                     InformerEventSource<Pod, AIEmployee> podEvents) {
        String namespace = owner.getMetadata().getNamespace();
        if (action instanceof PodAction.CreatePod create) {
            Pod desired;
            if (create.workload().watcherKind().isPresent()) {
                desired = WatcherPod.desired(owner, create.workload().watcherKind().get(), create.serial(),
                        create.restartCount());
            } else {
                new VaultKeeperAccess(client).ensure(owner);
                desired = VaultKeeperPod.desired(owner, create.serial(), create.restartCount());
            }
            Pod created = client.pods().inNamespace(namespace).resource(podDecorator.apply(desired)).create();
            // the next reconciliation must see this pod even if the informer has not caught up yet
            podEvents.handleRecentResourceCreate(ResourceID.fromResource(created), created);
        } else if (action instanceof PodAction.DeletePod delete) {
            client.pods().inNamespace(namespace).withName(delete.podName()).delete();
        }
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<Pod, AIEmployee> podEventSource(Context<AIEmployee> context) {
        return (InformerEventSource<Pod, AIEmployee>) context.eventSourceRetriever()
                .getEventSourceFor(Pod.class, POD_EVENT_SOURCE);
    }

    private Duration nextCheck(AIEmployeeSpec spec, Instant now, Instant wakeAt) {
        Duration healthCheck = Duration.ofSeconds(spec.effectiveHealthCheckIntervalSeconds());
        Duration until = wakeAt == null ? healthCheck : Duration.between(now, wakeAt);
        if (until.compareTo(healthCheck) > 0) {
            until = healthCheck;
        }
        Duration real = time.realDelay(until);
        return real.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : real;
    }

    private static long generation(AIEmployee resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}

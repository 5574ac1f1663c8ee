package io.aiemployee.operator.observability;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.operator.observe.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The operator's own metrics, next to JOSDK's reconciliation metrics in the same registry. The
 * reconciler reports each reconciliation ({@link #reconciled}: the status before and after), which
 * counts restarts and records the state the gauges read at scrape time.
 *
 * <p>In Prometheus:
 * <ul>
 *   <li>{@code aiemployee_watcher_restarts_total{namespace,aiemployee,watcher}}: restarts the operator made</li>
 *   <li>{@code aiemployee_watchers{namespace,aiemployee,phase}}: watchers per phase</li>
 *   <li>{@code aiemployee_watcher_backoff_delay_seconds{namespace,aiemployee,watcher}}: the delay of the
 *       backoff the watcher is waiting out, 0 when it is not backing off</li>
 *   <li>{@code aiemployees{system_status}}: AIEmployees per system status</li>
 * </ul>
 */
public final class OperatorMetrics {

    static final String RESTARTS = "aiemployee.watcher.restarts";
    static final String WATCHERS = "aiemployee.watchers";
    static final String BACKOFF_DELAY = "aiemployee.watcher.backoff.delay";
    static final String AIEMPLOYEES = "aiemployees";

    /** One watcher as the reconciler last saw it; {@code backoffDelay} is zero unless it is backing off. */
    public record WatcherState(String watcher, String phase, Duration backoffDelay) {
        public WatcherState {
            Objects.requireNonNull(watcher, "watcher");
            Objects.requireNonNull(phase, "phase");
            backoffDelay = backoffDelay == null ? Duration.ZERO : backoffDelay;
        }
    }

    private record ResourceKey(String namespace, String name) {
    }

    private record ResourceState(String systemStatus, Map<String, WatcherState> watchers) {
    }

    private final MeterRegistry registry;
    private final Map<ResourceKey, ResourceState> states = new ConcurrentHashMap<>();
    /** Per AIEmployee, its meters by name and varying tag value, so each is registered once and removed with it. */
    private final Map<ResourceKey, Map<String, Meter>> meters = new ConcurrentHashMap<>();
    private final Set<String> systemStatuses = ConcurrentHashMap.newKeySet();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Records one reconciliation of an AIEmployee from its status before and after: a watcher whose
     * {@code lastRestartTime} changed was restarted, a BackingOff watcher waits from its last failure
     * to its next restart, and the gauges take the new phases and system status.
     */
    public void reconciled(AIEmployee resource, AIEmployeeStatus previous, AIEmployeeStatus status) {
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        List<WatcherStatus> watchers = status.watchers() == null ? List.of() : status.watchers();
        for (WatcherStatus watcher : watchers) {
            String before = previous == null ? null
                    : previous.watcher(watcher.name()).map(WatcherStatus::lastRestartTime).orElse(null);
            if (watcher.lastRestartTime() != null && !watcher.lastRestartTime().equals(before)) {
                watcherRestarted(namespace, name, watcher.name());
            }
        }
        String systemStatus = status.systemStatus() == null ? "Unknown" : status.systemStatus().name();
        // the vault-keeper's restarts are counted above; the state gauges are the watchers', like READY
        recordState(namespace, name, systemStatus, watchers.stream()
                .filter(watcher -> !Workload.VAULT_KEEPER.id().equals(watcher.name()))
                .map(watcher -> new WatcherState(watcher.name(), String.valueOf(watcher.phase()), backoffDelay(watcher)))
                .toList());
    }

    private static Duration backoffDelay(WatcherStatus watcher) {
        if (watcher.phase() != WatcherPhase.BackingOff) {
            return Duration.ZERO;
        }
        Instant failed = Timestamps.parse(watcher.lastFailureTime());
        Instant next = Timestamps.parse(watcher.nextRestartTime());
        return failed == null || next == null || next.isBefore(failed) ? Duration.ZERO : Duration.between(failed, next);
    }

    /** The operator replaced a failed watcher pod: one restart of that watcher. */
    public void watcherRestarted(String namespace, String aiemployee, String watcher) {
        Counter counter = (Counter) meter(new ResourceKey(namespace, aiemployee), RESTARTS, watcher,
                () -> Counter.builder(RESTARTS)
                        .description("Watcher restarts made by the operator after a failure")
                        .tag("namespace", namespace)
                        .tag("aiemployee", aiemployee)
                        .tag("watcher", watcher)
                        .register(registry));
        counter.increment();
    }

    /** The state of one AIEmployee after a reconciliation: its system status and its watchers. */
    public void recordState(String namespace, String aiemployee, String systemStatus, List<WatcherState> watchers) {
        ResourceKey key = new ResourceKey(namespace, aiemployee);
        Map<String, WatcherState> byName = watchers.stream()
                .collect(Collectors.toUnmodifiableMap(WatcherState::watcher, state -> state, (first, second) -> second));
        states.put(key, new ResourceState(Objects.requireNonNull(systemStatus, "systemStatus"), byName));

        if (systemStatuses.add(systemStatus)) {
            Gauge.builder(AIEMPLOYEES, this, metrics -> metrics.countWithStatus(systemStatus))
                    .description("AIEmployees per system status")
                    .tag("system_status", systemStatus)
                    .strongReference(true)
                    .register(registry);
        }
        for (WatcherState watcher : watchers) {
            meter(key, WATCHERS, watcher.phase(), () -> gauge(WATCHERS, "Watchers per phase", key, "phase",
                    watcher.phase(), null,
                    state -> state.watchers().values().stream().filter(w -> w.phase().equals(watcher.phase())).count()));
            meter(key, BACKOFF_DELAY, watcher.watcher(), () -> gauge(BACKOFF_DELAY,
                    "Delay of the backoff the watcher is waiting out, 0 when not backing off",
                    key, "watcher", watcher.watcher(), "seconds",
                    state -> {
                        WatcherState current = state.watchers().get(watcher.watcher());
                        return current == null ? 0 : current.backoffDelay().toMillis() / 1000.0;
                    }));
        }
    }

    /** The AIEmployee is gone: its series disappear from the scrape. */
    public void forget(String namespace, String aiemployee) {
        ResourceKey key = new ResourceKey(namespace, aiemployee);
        states.remove(key);
        Map<String, Meter> removed = meters.remove(key);
        if (removed != null) {
            removed.values().forEach(registry::remove);
        }
    }

    private Gauge gauge(String name, String description, ResourceKey key, String tag, String value, String unit,
                        ToDoubleFunction<ResourceState> reading) {
        return Gauge.builder(name, this, metrics -> {
                    ResourceState state = metrics.states.get(key);
                    return state == null ? 0 : reading.applyAsDouble(state);
                })
                .description(description)
                .baseUnit(unit)
                .tag("namespace", key.namespace())
                .tag("aiemployee", key.name())
                .tag(tag, value)
                .strongReference(true)
                .register(registry);
    }

    private double countWithStatus(String systemStatus) {
        return states.values().stream().filter(state -> state.systemStatus().equals(systemStatus)).count();
    }

    private Meter meter(ResourceKey key, String name, String tagValue, Supplier<Meter> register) {
        return meters.computeIfAbsent(key, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(name + "\u0000" + tagValue, ignored -> register.get());
    }
}

package io.aiemployee.operator.status;

import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the AIEmployee status from the watchers' statuses: the system status, the message users
 * know ("System Online: All Watchers Active"), the READY and RESTARTS columns, and the Ready and
 * Degraded conditions. The one place the status is assembled. Pure.
 */
public final class StatusAggregator {

    private static final String VAULT_KEEPER = Workload.VAULT_KEEPER.id();
    /** The message while the AIEmployee is being deleted. */
    public static final String DELETED_MESSAGE = "System Offline: AIEmployee Deleted";

    private StatusAggregator() {
    }

    /**
     * @param watchers one status per watcher to show, in WatcherKind order
     * @param enabled  how many watchers the spec wants running (READY's denominator)
     */
    public static AIEmployeeStatus aggregate(long generation, boolean suspended, int enabled,
                                             List<WatcherStatus> watchers, AIEmployeeStatus previous, Instant now) {
        return aggregate(generation, suspended, enabled, watchers, null, previous, now);
    }

    /**
     * As above, with the vault-keeper's entry listed after the watchers. The keeper is shown but not
     * counted: STATUS, READY and RESTARTS describe the watchers, and the watchers work without it.
     *
     * @param keeper the vault-keeper's status, or null
     */
    public static AIEmployeeStatus aggregate(long generation, boolean suspended, int enabled,
                                             List<WatcherStatus> watchers, WatcherStatus keeper,
                                             AIEmployeeStatus previous, Instant now) {
        int running = (int) watchers.stream().filter(w -> w.phase() == WatcherPhase.Running).count();
        int restarts = watchers.stream().mapToInt(WatcherStatus::restartCount).sum();
        List<WatcherStatus> failing = watchers.stream()
                .filter(w -> w.phase() == WatcherPhase.BackingOff || w.phase() == WatcherPhase.ConfigError).toList();
        String active = running + "/" + enabled + " Watchers Active";

        SystemStatus system;
        String message;
        String readyReason;
        String degradedReason;
        if (suspended) {
            system = SystemStatus.Offline;
            message = "System Offline: Suspended";
            readyReason = degradedReason = "Suspended";
        } else if (enabled == 0) {
            system = SystemStatus.Offline;
            message = "System Offline: No Watchers Enabled";
            readyReason = degradedReason = "NoWatchersEnabled";
        } else if (!failing.isEmpty()) {
            system = SystemStatus.Degraded;
            message = "System Degraded: " + active + " ("
                    + failing.stream().map(StatusAggregator::describeFailure).collect(Collectors.joining("; ")) + ")";
            readyReason = "WatchersFailing";
            degradedReason = failing.stream().anyMatch(w -> w.phase() == WatcherPhase.ConfigError)
                    ? "WatcherConfigError" : "WatcherBackingOff";
        } else if (running == enabled) {
            system = SystemStatus.Online;
            message = "System Online: All Watchers Active";
            readyReason = degradedReason = "AllWatchersRunning";
        } else {
            system = SystemStatus.Pending;
            message = "System Starting: " + active;
            readyReason = degradedReason = "WatchersStarting";
        }
        List<Condition> before = previous == null ? null : previous.conditions();
        String at = Timestamps.format(now);
        List<Condition> conditions = List.of(
                Conditions.condition(Conditions.READY, system == SystemStatus.Online, readyReason, message, generation, before, at),
                Conditions.condition(Conditions.DEGRADED, system == SystemStatus.Degraded, degradedReason, message, generation, before, at));
        return new AIEmployeeStatus(generation, system, message, running + "/" + enabled, restarts,
                withKeeper(watchers, keeper), conditions, previous == null ? null : previous.vault());
    }

    /**
     * The AIEmployee is being deleted: its watchers are stopped (phase Stopped), the system Offline
     * with "System Offline: AIEmployee Deleted", and the Terminating condition, whose
     * lastTransitionTime marks when the operator began, bounds the wait for the vault-keeper. The
     * keeper's entry stays as it was: it still runs, to write the Offline row.
     */
    public static AIEmployeeStatus deleting(long generation, AIEmployeeStatus previous, Instant now) {
        List<WatcherStatus> before = previous == null || previous.watchers() == null ? List.of() : previous.watchers();
        List<WatcherStatus> watchers = before.stream().map(w -> VAULT_KEEPER.equals(w.name()) ? w
                : new WatcherStatus(w.name(), WatcherPhase.Stopped, null, w.restarts(), w.lastExitCode(),
                        w.lastFailureMessage(), w.lastFailureTime(), w.lastRestartTime(), null)).toList();
        long counted = watchers.stream().filter(w -> !VAULT_KEEPER.equals(w.name())).count();
        List<Condition> conditionsBefore = previous == null ? null : previous.conditions();
        String at = Timestamps.format(now);
        String message = DELETED_MESSAGE;
        List<Condition> conditions = List.of(
                Conditions.condition(Conditions.READY, false, "Deleting", message, generation, conditionsBefore, at),
                Conditions.condition(Conditions.DEGRADED, false, "Deleting", message, generation, conditionsBefore, at),
                Conditions.condition(Conditions.TERMINATING, true, "StoppingWatchers",
                        "Watchers stopped; waiting for the vault-keeper to write the Offline row into Dashboard.md",
                        generation, conditionsBefore, at));
        return new AIEmployeeStatus(generation, SystemStatus.Offline, message, "0/" + counted,
                previous == null || previous.restarts() == null ? 0 : previous.restarts(), watchers, conditions,
                previous == null ? null : previous.vault());
    }

    private static List<WatcherStatus> withKeeper(List<WatcherStatus> watchers, WatcherStatus keeper) {
        if (keeper == null) {
            return List.copyOf(watchers);
        }
        var all = new java.util.ArrayList<WatcherStatus>(watchers);
        all.add(keeper);
        return List.copyOf(all);
    }

    /**
     * The spec breaks a rule the schema cannot check: Ready=False with reason InvalidSpec and the
     * problems in the message; the watchers' last known state is kept (their pods are left alone).
     */
    public static AIEmployeeStatus invalidSpec(long generation, List<String> problems, AIEmployeeStatus previous,
                                               Instant now) {
        String detail = String.join("; ", problems);
        String message = "System Degraded: Invalid Spec: " + detail;
        List<Condition> before = previous == null ? null : previous.conditions();
        String at = Timestamps.format(now);
        List<Condition> conditions = List.of(
                Conditions.condition(Conditions.READY, false, "InvalidSpec", detail, generation, before, at),
                Conditions.condition(Conditions.DEGRADED, true, "InvalidSpec", detail, generation, before, at));
        return new AIEmployeeStatus(generation, SystemStatus.Degraded, message,
                previous == null ? null : previous.readyWatchers(),
                previous == null ? 0 : previous.restarts(),
                previous == null || previous.watchers() == null ? List.of() : previous.watchers(),
                conditions, previous == null ? null : previous.vault());
    }

    private static String describeFailure(WatcherStatus w) {
        String name = WatcherKind.byId(w.name()).map(WatcherKind::displayName).orElse(w.name());
        return w.phase() == WatcherPhase.ConfigError
                ? name + " needs configuration"
                : name + " restarting (restart #" + w.restartCount() + ")";
    }
}

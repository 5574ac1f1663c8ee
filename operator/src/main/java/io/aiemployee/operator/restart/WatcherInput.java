package io.aiemployee.operator.restart;

import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.PodObservation;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;
import java.util.List;

/**
 * Everything a restart decision for one watcher (or the vault-keeper, which follows the same rules)
 * depends on.
 *
 * @param ownerName          the AIEmployee's name (pod names derive from it)
 * @param enabled            the spec wants this watcher
 * @param suspended          the whole AIEmployee is suspended
 * @param generation         the AIEmployee's metadata.generation
 * @param templateHash       hash of the pod the spec asks for now
 * @param previous           the watcher's status as last recorded (null if none)
 * @param pods               its pods, oldest first
 */
public record WatcherInput(
        String ownerName,
        Workload workload,
        boolean enabled,
        boolean suspended,
        long generation,
        String templateHash,
        RestartPolicy policy,
        WatcherStatus previous,
        List<PodObservation> pods) {

    public WatcherInput {
        pods = List.copyOf(pods);
    }

    public WatcherInput(String ownerName, WatcherKind kind, boolean enabled, boolean suspended, long generation,
                        String templateHash, RestartPolicy policy, WatcherStatus previous, List<PodObservation> pods) {
        this(ownerName, Workload.of(kind), enabled, suspended, generation, templateHash, policy, previous, pods);
    }
}

package io.aiemployee.operator.observe;

import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;
import java.time.Instant;

/**
 * What one watcher pod (or vault-keeper pod) says about its watcher.
 *
 * @param serial         the pod's number within its watcher; the highest is the current pod
 * @param specGeneration the AIEmployee generation the pod was created for
 * @param exitCode       exit code when EXITED and the container terminated, else null
 * @param message        termination message (or the pod's reason) when EXITED
 * @param terminating    a deletion is already under way
 * @param restartCount   the watcher's restart count when the pod was created (its annotation)
 */
public record PodObservation(
        String name,
        Workload workload,
        long serial,
        long specGeneration,
        String templateHash,
        PodState state,
        Integer exitCode,
        String message,
        Instant startedAt,
        Instant finishedAt,
        boolean terminating,
        int restartCount) {

    public PodObservation(String name, WatcherKind kind, long serial, long specGeneration, String templateHash,
                          PodState state, Integer exitCode, String message, Instant startedAt, Instant finishedAt,
                          boolean terminating) {
        this(name, Workload.of(kind), serial, specGeneration, templateHash, state, exitCode, message, startedAt,
                finishedAt, terminating, 0);
    }

    /** The watcher this pod runs, or null for a vault-keeper pod. */
    public WatcherKind kind() {
        return workload.watcherKind().orElse(null);
    }
}

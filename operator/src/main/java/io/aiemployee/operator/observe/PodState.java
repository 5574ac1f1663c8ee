package io.aiemployee.operator.observe;

/** The life-cycle state of a watcher pod as far as restarts are concerned. */
public enum PodState {
    /** Scheduled or not, the container has not started yet. */
    PENDING,
    /** The container runs. */
    RUNNING,
    /** The container terminated, the pod Failed or Succeeded: the watcher is not running any more. */
    EXITED
}

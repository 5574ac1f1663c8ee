package io.aiemployee.operator.api;

/** The one-word state of the whole AI Employee (the STATUS column). */
public enum SystemStatus {
    /** Watchers are starting; none has failed. */
    Pending,
    /** Every enabled watcher runs. */
    Online,
    /** At least one enabled watcher failed (backing off or needs configuration), or the spec is invalid. */
    Degraded,
    /** Suspended, or no watcher enabled. */
    Offline
}

package io.aiemployee.operator.local;

/** A local watcher's state; the names match the phases in the AIEmployee status. */
public enum WatcherState {
    /** Process started, no heartbeat yet. */
    PENDING("Pending"),
    /** Process alive and its heartbeat file fresh. */
    RUNNING("Running"),
    /** Died or hung; waiting for the backoff before the next start. */
    BACKING_OFF("BackingOff"),
    /** Exited 78: a configuration problem a restart cannot fix. */
    CONFIG_ERROR("ConfigError"),
    /** Not started: credentials missing or not selected. */
    DISABLED("Disabled"),
    /** Stopped by the orchestrator's shutdown. */
    STOPPED("Stopped");

    private final String displayName;

    WatcherState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}

package io.aiemployee.operator.api;

/** Where one watcher is in its life cycle. */
public enum WatcherPhase {
    /** Its pod is created but not running yet. */
    Pending,
    /** Its container runs. */
    Running,
    /** It failed and waits for its next restart (see nextRestartTime). */
    BackingOff,
    /** It exited with 78 (missing or invalid credentials, login needed): not restarted until the spec changes or its pod is deleted. */
    ConfigError,
    /** Disabled in the spec; no pod. */
    Disabled,
    /** The AIEmployee is suspended; no pod. */
    Suspended,
    /** The AIEmployee is being deleted; its pod was stopped. */
    Stopped
}

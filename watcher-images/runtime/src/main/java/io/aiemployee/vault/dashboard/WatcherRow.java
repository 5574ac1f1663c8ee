package io.aiemployee.vault.dashboard;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the dashboard's watcher table.
 *
 * @param name        the name users know, e.g. {@code Gmail Inbox Watcher}
 * @param state       free text such as {@code Running}, {@code BackingOff}, {@code ConfigError}, {@code Disabled}
 * @param restarts    restarts so far
 * @param lastRestart when it was last restarted, or null
 * @param lastError   the last failure message (or the reason it is disabled), or null
 */
public record WatcherRow(String name, String state, int restarts, Instant lastRestart, String lastError) {

    public WatcherRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must not be negative, was " + restarts);
        }
    }
}

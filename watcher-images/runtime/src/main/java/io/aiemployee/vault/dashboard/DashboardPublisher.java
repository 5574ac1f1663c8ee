package io.aiemployee.vault.dashboard;

import java.io.IOException;
import java.util.List;

/**
 * What the vault-keeper and local mode call on every status change: remembers the snapshot it
 * last wrote and adds the history rows the change deserves ({@link StatusEvents#between}).
 * Thread-safe.
 */
public final class DashboardPublisher {

    private final DashboardWriter writer;
    private SystemSnapshot last;

    public DashboardPublisher(DashboardWriter writer) {
        this.writer = writer;
    }

    /** Writes {@code snapshot}; returns the history rows it added (newest first). */
    public synchronized List<StatusEvent> publish(SystemSnapshot snapshot) throws IOException {
        List<StatusEvent> events = StatusEvents.between(last, snapshot);
        writer.write(snapshot, events);
        last = snapshot;
        return events;
    }
}

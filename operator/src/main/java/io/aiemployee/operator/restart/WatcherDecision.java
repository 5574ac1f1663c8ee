package io.aiemployee.operator.restart;

import io.aiemployee.operator.api.WatcherStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a restart decision: the watcher's new status, the pod operations to perform, the
 * events to record, and when the watcher needs to be looked at again regardless of pod events.
 */
public record WatcherDecision(WatcherStatus status, List<PodAction> actions, List<WatcherEvent> events,
                              Optional<Instant> wakeAt) {

    public WatcherDecision {
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }
}

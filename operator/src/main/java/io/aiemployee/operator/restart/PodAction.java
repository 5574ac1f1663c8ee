package io.aiemployee.operator.restart;

import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;

/** What the reconciler has to do to a watcher's pods. */
public sealed interface PodAction {

    /** Create the pod number {@code serial} of the watcher or the vault-keeper. */
    record CreatePod(Workload workload, long serial, int restartCount) implements PodAction {

        public CreatePod(WatcherKind kind, long serial, int restartCount) {
            this(Workload.of(kind), serial, restartCount);
        }
    }

    /** Delete the named pod. */
    record DeletePod(String podName) implements PodAction {
    }
}

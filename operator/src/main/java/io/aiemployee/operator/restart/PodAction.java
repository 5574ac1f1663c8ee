package io.aiemployee.operator.restart;

import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;

/** What the reconciler has to do to a watcher's pods. */
public sealed interface PodAction {

    /** Create the pod number {@code serial} of the watcher or the vault-keeper. */
    record CreatePod(Workload workload, long serial) implements PodAction {

        public CreatePod(WatcherKind kind, long serial) {
            this(Workload.of(kind), serial);
        }
    }

    /** Delete the named pod. */
    record DeletePod(String podName) implements PodAction {
    }
}

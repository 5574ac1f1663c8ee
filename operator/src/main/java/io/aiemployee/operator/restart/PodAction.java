package io.aiemployee.operator.restart;

import io.aiemployee.watcher.WatcherKind;

/** What the reconciler has to do to a watcher's pods. */
public sealed interface PodAction {

    /** Create the pod number {@code serial} of the watcher. */
    record CreatePod(WatcherKind kind, long serial) implements PodAction {
    }

    /** Delete the named pod. */
    record DeletePod(String podName) implements PodAction {
    }
}

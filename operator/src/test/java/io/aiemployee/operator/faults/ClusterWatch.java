package io.aiemployee.operator.faults;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.resources.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's own view of the cluster, built from watch events in the order the API server sent them,
 * checking invariants as it goes:
 * <ul>
 * <li>when a watcher pod is added, no other pod of the same watcher is still live (not exited, not
 *     being deleted): never two live pods for one watcher;</li>
 * <li>a watcher's recorded restart count never goes down between two status updates.</li>
 * </ul>
 * Every status each AIEmployee ever had is kept for later checks.
 */
final class ClusterWatch implements AutoCloseable {

    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<AIEmployee> employeeInformer;
    /** Only touched from the informers' handler threads (each informer delivers events serially). */
    private final Map<String, Pod> livePods = new HashMap<>();
    private final Map<String, List<String>> podNamesByWatcher = new LinkedHashMap<>();
    private final Map<String, Integer> highestRestarts = new HashMap<>();
    private final Map<String, List<AIEmployeeStatus>> statuses = new HashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    ClusterWatch(KubernetesClient client) {
        podInformer = client.pods().inAnyNamespace().withLabelSelector(Labels.MANAGED_SELECTOR)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        podAdded(pod);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        podChanged(newPod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                        synchronized (ClusterWatch.this) {
                            livePods.remove(pod.getMetadata().getName());
                        }
                    }
                });
        employeeInformer = client.resources(AIEmployee.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(AIEmployee resource) {
                statusSeen(resource);
            }

            @Override
            public void onUpdate(AIEmployee oldResource, AIEmployee newResource) {
                statusSeen(newResource);
            }

            @Override
            public void onDelete(AIEmployee resource, boolean deletedFinalStateUnknown) {
            }
        });
    }

    static String watcherKey(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels.get(Labels.INSTANCE) + "/" + labels.get(Labels.COMPONENT);
    }

    static boolean isLive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null
                && !"Failed".equals(phase) && !"Succeeded".equals(phase);
    }

    private synchronized void podAdded(Pod pod) {
        String key = watcherKey(pod);
        List<String> names = podNamesByWatcher.computeIfAbsent(key, k -> new ArrayList<>());
        if (names.contains(pod.getMetadata().getName())) {
            violations.add("pod " + pod.getMetadata().getName() + " was created twice");
        }
        names.add(pod.getMetadata().getName());
        for (Pod other : livePods.values()) {
            if (watcherKey(other).equals(key)) {
                violations.add("pod " + pod.getMetadata().getName() + " created while " + other.getMetadata().getName()
                        + " of the same watcher was still live");
            }
        }
        if (isLive(pod)) {
            livePods.put(pod.getMetadata().getName(), pod);
        }
    }

    private synchronized void podChanged(Pod pod) {
        if (isLive(pod)) {
            livePods.put(pod.getMetadata().getName(), pod);
        } else {
            livePods.remove(pod.getMetadata().getName());
        }
    }

    private synchronized void statusSeen(AIEmployee resource) {
        AIEmployeeStatus status = resource.getStatus();
        if (status == null) {
            return;
        }
        String name = resource.getMetadata().getName();
        statuses.computeIfAbsent(name, k -> new ArrayList<>()).add(status);
        if (status.watchers() == null) {
            return;
        }
        for (WatcherStatus w : status.watchers()) {
            String key = name + "/" + w.name();
            int before = highestRestarts.getOrDefault(key, 0);
            if (w.restartCount() < before) {
                violations.add("restart count of " + key + " went down from " + before + " to " + w.restartCount()
                        + " (resourceVersion " + resource.getMetadata().getResourceVersion() + ")");
            }
            highestRestarts.put(key, Math.max(before, w.restartCount()));
        }
    }

    /** The live pods right now, by watcher ("instance/component"). */
    synchronized Map<String, List<String>> livePodsByWatcher() {
        var result = new HashMap<String, List<String>>();
        livePods.values().forEach(p -> result.computeIfAbsent(watcherKey(p), k -> new ArrayList<>())
                .add(p.getMetadata().getName()));
        return result;
    }

    /** Every pod ever seen, by watcher, in creation order. */
    synchronized Map<String, List<String>> podNamesByWatcher() {
        var copy = new LinkedHashMap<String, List<String>>();
        podNamesByWatcher.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized List<AIEmployeeStatus> statusHistory(String employee) {
        return List.copyOf(statuses.getOrDefault(employee, List.of()));
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        podInformer.close();
        employeeInformer.close();
    }
}

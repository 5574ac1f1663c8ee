package io.aiemployee.operator.testing;

import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the kubelet on the mock API server, which has none: new watcher pods move from
 * Pending to Running (unless auto-run is off), and tests can terminate a pod's container with an
 * exit code and termination message, as a crash, a clean exit or a configuration error would.
 * Timestamps come from the test clock, like the operator's.
 */
public final class KubeletSimulator implements AutoCloseable {

    private final KubernetesClient client;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kubelet-simulator");
        t.setDaemon(true);
        return t;
    });
    private final SharedIndexInformer<Pod> informer;
    private volatile boolean autoRun = true;

    public KubeletSimulator(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.informer = client.pods().inAnyNamespace().withLabelSelector(Labels.MANAGED_SELECTOR)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        if (autoRun && (pod.getStatus() == null || pod.getStatus().getPhase() == null)) {
                            executor.execute(() -> start(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                        }
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                    }

                    @Override
                    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                    }
                });
    }

    /** Whether new pods start running on their own (default true). */
    public void setAutoRun(boolean autoRun) {
        this.autoRun = autoRun;
    }

    /** Marks the pod's container running (pod phase Running). */
    public Pod start(String namespace, String podName) {
        String now = Timestamps.format(clock.instant());
        return client.pods().inNamespace(namespace).withName(podName).editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder()
                    .withPhase("Running")
                    .withStartTime(now)
                    .withContainerStatuses(new ContainerStatusBuilder()
                            .withName(pod.getSpec().getContainers().get(0).getName())
                            .withImage(pod.getSpec().getContainers().get(0).getImage())
                            .withReady(true).withStarted(true).withRestartCount(0)
                            .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build())
                            .build())
                    .build());
            return pod;
        });
    }

    /**
     * Terminates the pod's container with {@code exitCode} and {@code message} (the termination
     * message); the pod becomes Failed, or Succeeded for exit code 0.
     */
    public Pod terminate(String namespace, String podName, int exitCode, String message) {
        String now = Timestamps.format(clock.instant());
        return client.pods().inNamespace(namespace).withName(podName).editStatus(pod -> {
            var status = pod.getStatus() == null ? new PodStatusBuilder().build() : pod.getStatus();
            ContainerStatus previous = status.getContainerStatuses() == null || status.getContainerStatuses().isEmpty()
                    ? null : status.getContainerStatuses().get(0);
            String startedAt = previous != null && previous.getState() != null && previous.getState().getRunning() != null
                    ? previous.getState().getRunning().getStartedAt() : now;
            pod.setStatus(new PodStatusBuilder(status)
                    .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                    .withContainerStatuses(new ContainerStatusBuilder()
                            .withName(pod.getSpec().getContainers().get(0).getName())
                            .withImage(pod.getSpec().getContainers().get(0).getImage())
                            .withReady(false).withStarted(false).withRestartCount(0)
                            .withState(new ContainerStateBuilder().withNewTerminated()
                                    .withExitCode(exitCode).withMessage(message)
                                    .withReason(exitCode == 0 ? "Completed" : "Error")
                                    .withStartedAt(startedAt).withFinishedAt(now).endTerminated().build())
                            .build())
                    .build());
            return pod;
        });
    }

    @Override
    public void close() {
        informer.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

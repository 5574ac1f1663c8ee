package io.aiemployee.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.resources.Labels;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodObserverTest {

    static PodBuilder pod(String component, String serial) {
        return new PodBuilder().withNewMetadata().withName("alice-" + component + "-" + serial)
                .withLabels(Map.of(Labels.COMPONENT, component, Labels.POD_SERIAL, serial))
                .withAnnotations(Map.of(Labels.SPEC_GENERATION, "4", Labels.TEMPLATE_HASH, "h")).endMetadata();
    }

    @Test
    void newPodIsPending() {
        var o = PodObserver.observe(pod("gmail", "2").build()).orElseThrow();
        assertThat(o.kind()).isEqualTo(WatcherKind.GMAIL);
        assertThat(o.serial()).isEqualTo(2);
        assertThat(o.specGeneration()).isEqualTo(4);
        assertThat(o.state()).isEqualTo(PodState.PENDING);
    }

    @Test
    void runningContainerIsRunningWithItsStartTime() {
        Pod p = pod("gmail", "1").withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                .withName("watcher").withState(new ContainerStateBuilder().withNewRunning()
                        .withStartedAt("2026-01-01T10:00:00Z").endRunning().build()).build()).endStatus().build();
        var o = PodObserver.observe(p).orElseThrow();
        assertThat(o.state()).isEqualTo(PodState.RUNNING);
        assertThat(o.startedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void terminatedContainerGivesExitCodeAndMessage() {
        Pod p = pod("gmail", "1").withNewStatus().withPhase("Failed").withContainerStatuses(new ContainerStatusBuilder()
                .withName("watcher").withState(new ContainerStateBuilder().withNewTerminated().withExitCode(78)
                        .withMessage("token missing\n").withReason("Error").withStartedAt("2026-01-01T10:00:00Z")
                        .withFinishedAt("2026-01-01T10:00:05Z").endTerminated().build()).build()).endStatus().build();
        var o = PodObserver.observe(p).orElseThrow();
        assertThat(o.state()).isEqualTo(PodState.EXITED);
        assertThat(o.exitCode()).isEqualTo(78);
        assertThat(o.message()).isEqualTo("token missing");
        assertThat(o.finishedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:05Z"));
    }

    @Test
    void evictedPodWithoutContainerStatusIsExitedWithThePodReason() {
        Pod p = pod("approval", "1").withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();
        var o = PodObserver.observe(p).orElseThrow();
        assertThat(o.state()).isEqualTo(PodState.EXITED);
        assertThat(o.exitCode()).isNull();
        assertThat(o.message()).isEqualTo("The node was low on resource: memory.");
    }

    @Test
    void groupsByWatcherOrderedBySerialAndIgnoresForeignPods() {
        var grouped = PodObserver.byWatcher(List.of(pod("gmail", "10").build(), pod("gmail", "9").build(),
                pod("unknown", "1").build(), new PodBuilder().withNewMetadata().withName("x").endMetadata().build()));
        assertThat(grouped).containsOnlyKeys(WatcherKind.GMAIL);
        assertThat(grouped.get(WatcherKind.GMAIL)).extracting(PodObservation::serial).containsExactly(9L, 10L);
    }
}

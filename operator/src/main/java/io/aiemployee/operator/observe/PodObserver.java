package io.aiemployee.operator.observe;

import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;

/** Reads watcher pods into {@link PodObservation}s. Pure: no API calls. */
public final class PodObserver {

    private PodObserver() {
    }

    /** The observations grouped per watcher, each list ordered by serial (oldest first). */
    public static Map<WatcherKind, List<PodObservation>> byWatcher(Collection<Pod> pods) {
        var result = new EnumMap<WatcherKind, List<PodObservation>>(WatcherKind.class);
        for (Pod pod : pods) {
            observe(pod).filter(o -> o.kind() != null)
                    .ifPresent(o -> result.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
        }
        result.values().forEach(list -> list.sort(Comparator.comparingLong(PodObservation::serial)));
        return result;
    }

    /** The observations of one workload's pods (e.g. the vault-keeper's), ordered by serial (oldest first). */
    public static List<PodObservation> of(Workload workload, Collection<Pod> pods) {
        return pods.stream().map(PodObserver::observe).flatMap(Optional::stream)
                .filter(o -> o.workload().equals(workload))
                .sorted(Comparator.comparingLong(PodObservation::serial)).toList();
    }

    /** Empty for pods that are not watcher or vault-keeper pods of this operator (unknown component, no serial). */
    public static Optional<PodObservation> observe(Pod pod) {
        var meta = pod.getMetadata();
        var labels = meta.getLabels() == null ? Map.<String, String>of() : meta.getLabels();
        var annotations = meta.getAnnotations() == null ? Map.<String, String>of() : meta.getAnnotations();
        var kind = Workload.byId(labels.get(Labels.COMPONENT));
        Long serial = parseLong(labels.get(Labels.POD_SERIAL));
        if (kind.isEmpty() || serial == null) {
            return Optional.empty();
        }
        Long generation = parseLong(annotations.get(Labels.SPEC_GENERATION));
        var status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        ContainerStatus container = status == null || status.getContainerStatuses() == null
                || status.getContainerStatuses().isEmpty() ? null : status.getContainerStatuses().get(0);
        ContainerStateTerminated terminated = container == null || container.getState() == null
                ? null : container.getState().getTerminated();

        PodState state;
        Integer exitCode = null;
        String message = null;
        Instant startedAt = null;
        Instant finishedAt = null;
        if (terminated != null || "Failed".equals(phase) || "Succeeded".equals(phase)) {
            state = PodState.EXITED;
            if (terminated != null) {
                exitCode = terminated.getExitCode();
                message = firstNonBlank(terminated.getMessage(), terminated.getReason());
                startedAt = Timestamps.parse(terminated.getStartedAt());
                finishedAt = Timestamps.parse(terminated.getFinishedAt());
            }
            if (message == null && status != null) {
                message = firstNonBlank(status.getMessage(), status.getReason(), "pod " + phase);
            }
            if (meta.getDeletionTimestamp() != null) {
                // someone deleted the running pod: say so rather than "Completed"/"Error"
                message = "pod " + meta.getName() + " was deleted";
            }
        } else if (container != null && container.getState() != null && container.getState().getRunning() != null) {
            state = PodState.RUNNING;
            startedAt = Timestamps.parse(container.getState().getRunning().getStartedAt());
        } else {
            state = PodState.PENDING;
        }
        return Optional.of(new PodObservation(meta.getName(), kind.get(), serial, generation == null ? 0 : generation,
                annotations.get(Labels.TEMPLATE_HASH), state, exitCode, message == null ? null : message.strip(),
                startedAt, finishedAt, meta.getDeletionTimestamp() != null,
                Math.toIntExact(Optional.ofNullable(parseLong(annotations.get(Labels.RESTART_COUNT))).orElse(0L))));
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}

package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template hash of each workload of each AIEmployee, computed once and reused while the
 * AIEmployee's uid, generation and spec stay the same. Every reconciliation (every health check)
 * needs the hashes of all its workloads, and building a pod spec and hashing its JSON was half of a
 * reconciliation's CPU in the scale benchmark's profile (docs/benchmarks.md), although the spec
 * rarely changes. The generation catches any edit on a real API server, the spec's value equality
 * catches it where the generation is not maintained.
 */
public final class TemplateHashes {

    private record Source(String uid, Long generation, AIEmployeeSpec spec) {
    }

    private record Entry(Source source, Map<String, String> byWorkload) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The hash of the pod that {@code workload} of {@code owner} should run now. */
    public String of(AIEmployee owner, Workload workload) {
        var source = new Source(owner.getMetadata().getUid(), owner.getMetadata().getGeneration(), owner.getSpec());
        Entry entry = entries.compute(key(owner),
                (key, known) -> known != null && known.source().equals(source) ? known
                        : new Entry(source, new ConcurrentHashMap<>()));
        return entry.byWorkload().computeIfAbsent(workload.id(), id -> compute(owner, workload));
    }

    /** Drops what is kept for {@code owner}, once it is gone. */
    public void forget(AIEmployee owner) {
        entries.remove(key(owner));
    }

    /** How many AIEmployees have hashes kept (for tests: the map must not outlive its resources). */
    public int size() {
        return entries.size();
    }

    private static String compute(AIEmployee owner, Workload workload) {
        return workload.watcherKind()
                .map(kind -> WatcherPod.templateHash(owner, kind))
                .orElseGet(() -> VaultKeeperPod.templateHash(owner));
    }

    private static String key(AIEmployee owner) {
        return owner.getMetadata().getNamespace() + "/" + owner.getMetadata().getName();
    }
}

package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.watcher.WatcherKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations the operator puts on what it creates, and reads back when observing. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";

    public static final String APP_NAME = "aiemployee";
    public static final String MANAGER = "aiemployee-operator";

    /** Label: the number of the pod within its watcher (grows by one per replacement). */
    public static final String POD_SERIAL = "aiemployee.io/pod-serial";
    /** Annotation: the AIEmployee metadata.generation the pod was created for. */
    public static final String SPEC_GENERATION = "aiemployee.io/spec-generation";
    /** Annotation: hash of the pod's desired spec; a running pod with another hash is replaced. */
    public static final String TEMPLATE_HASH = "aiemployee.io/template-hash";
    /**
     * Annotation: the watcher's restart count when this pod was created, so a count is not lost when
     * the status write that recorded it fails or the operator dies right after creating the pod.
     */
    public static final String RESTART_COUNT = "aiemployee.io/restart-count";

    /** Selects everything this operator manages (used by the informers). */
    public static final String MANAGED_SELECTOR = NAME + "=" + APP_NAME + "," + MANAGED_BY + "=" + MANAGER;

    private Labels() {
    }

    /** Labels common to every object of one AIEmployee. */
    public static Map<String, String> forInstance(AIEmployee owner, String component) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(NAME, APP_NAME);
        labels.put(INSTANCE, owner.getMetadata().getName());
        labels.put(COMPONENT, component);
        labels.put(PART_OF, APP_NAME);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    public static Map<String, String> forWatcherPod(AIEmployee owner, WatcherKind kind, long serial) {
        return forPod(owner, Workload.of(kind), serial);
    }

    /** The labels of a watcher's or the vault-keeper's pod number {@code serial}. */
    public static Map<String, String> forPod(AIEmployee owner, Workload workload, long serial) {
        var labels = forInstance(owner, workload.id());
        labels.put(POD_SERIAL, Long.toString(serial));
        return labels;
    }
}

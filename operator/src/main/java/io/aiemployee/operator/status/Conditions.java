package io.aiemployee.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;

/** Conditions per the Kubernetes API conventions: lastTransitionTime moves only when status flips. */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String DEGRADED = "Degraded";
    /** True while the AIEmployee is being deleted; lastTransitionTime is when the operator began. */
    public static final String TERMINATING = "Terminating";

    private Conditions() {
    }

    /** A condition, keeping the previous lastTransitionTime when its status did not change. */
    public static Condition condition(String type, boolean status, String reason, String message, long generation,
                                      List<Condition> previous, String now) {
        String statusValue = status ? "True" : "False";
        String since = previous == null ? null : previous.stream()
                .filter(c -> type.equals(c.getType()) && statusValue.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).findFirst().orElse(null);
        return new ConditionBuilder()
                .withType(type)
                .withStatus(statusValue)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since != null ? since : now)
                .build();
    }
}

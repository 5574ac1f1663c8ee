package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The observed state of an AI Employee; written by the operator, except {@code vault}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AIEmployeeStatus(
        @JsonPropertyDescription("The metadata.generation this status was computed from.") Long observedGeneration,
        @JsonPropertyDescription("Pending, Online, Degraded or Offline.") SystemStatus systemStatus,
        @JsonPropertyDescription("Human-readable summary, e.g. \"System Online: All Watchers Active\".") String message,
        @JsonPropertyDescription("Running watchers / enabled watchers, e.g. 4/4.") String readyWatchers,
        @JsonPropertyDescription("Sum of the watchers' restart counts.") Integer restarts,
        @JsonPropertyDescription("One entry per watcher known to the spec.") List<WatcherStatus> watchers,
        @JsonPropertyDescription("Ready and Degraded, following the Kubernetes API conventions.") List<Condition> conditions,
        @JsonPropertyDescription("Vault summary written by the vault-keeper; the operator never changes it.")
        @PreserveUnknownFields
        JsonNode vault) {

    /** This status with {@code vault} taken from {@code current}: the operator never changes the keeper's field. */
    public AIEmployeeStatus withVaultOf(AIEmployeeStatus current) {
        JsonNode keeperVault = current == null ? null : current.vault();
        return new AIEmployeeStatus(observedGeneration, systemStatus, message, readyWatchers, restarts, watchers,
                conditions, keeperVault);
    }

    public Optional<WatcherStatus> watcher(String name) {
        return watchers == null ? Optional.empty()
                : watchers.stream().filter(w -> name.equals(w.name())).findFirst();
    }

    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}

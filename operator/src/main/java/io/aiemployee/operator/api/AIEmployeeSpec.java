package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The desired state of an AI Employee. Every field is optional; the defaults (also written into the
 * CRD schema) are applied through the accessors named {@code effective...} so that an API server
 * without defaulting (the test mock) behaves the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AIEmployeeSpec(
        @JsonPropertyDescription("true removes all watcher pods (status Offline); false starts them again. Default false.")
        @Default("false")
        Boolean suspend,

        @JsonPropertyDescription("Seconds between periodic health checks of the watcher pods, in addition to the pod events. Default 30.")
        @Default("30") @Min(1) @Max(3600)
        Integer healthCheckIntervalSeconds,

        @JsonPropertyDescription("Backoff for restarting failed watchers: initialDelaySeconds * 2^(n-1), capped at maxDelaySeconds.")
        RestartPolicySpec restartPolicy,

        @JsonPropertyDescription("The shared Obsidian vault: a claim the operator creates, or an existing one.")
        VaultSpec vault,

        @JsonPropertyDescription("The watchers; a watcher runs when its section is present and not enabled: false.")
        WatchersSpec watchers) {

    public static final int DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 30;

    public boolean effectiveSuspend() {
        return Boolean.TRUE.equals(suspend);
    }

    public int effectiveHealthCheckIntervalSeconds() {
        return healthCheckIntervalSeconds == null ? DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS : healthCheckIntervalSeconds;
    }

    public RestartPolicySpec effectiveRestartPolicy() {
        return restartPolicy == null ? RestartPolicySpec.DEFAULTS : restartPolicy;
    }

    public VaultSpec effectiveVault() {
        return vault == null ? VaultSpec.DEFAULTS : vault;
    }

    public WatchersSpec effectiveWatchers() {
        return watchers == null ? WatchersSpec.NONE : watchers;
    }
}

package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.aiemployee.operator.restart.RestartPolicy;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The restart backoff of failed watchers. The defaults give the schedule 2, 4, 8, 16, 32, 32, ... seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartPolicySpec(
        @JsonPropertyDescription("Wait before the first restart after a failure, in seconds. Default 2.")
        @Default("2") @Min(1) @Max(3600)
        Integer initialDelaySeconds,

        @JsonPropertyDescription("Upper bound of the doubling wait, in seconds; must not be below initialDelaySeconds. Default 32.")
        @Default("32") @Min(1) @Max(86400)
        Integer maxDelaySeconds,

        @JsonPropertyDescription("A watcher that has run this many seconds without failing gets its restart count reset to 0. Default 600.")
        @Default("600") @Min(1) @Max(604800)
        Integer resetAfterSeconds) {

    public static final RestartPolicySpec DEFAULTS = new RestartPolicySpec(null, null, null);

    /** The policy with defaults applied; throws IllegalArgumentException for inconsistent values. */
    public RestartPolicy toRestartPolicy() {
        var defaults = RestartPolicy.DEFAULT;
        return RestartPolicy.ofSeconds(
                initialDelaySeconds == null ? defaults.initialDelay().toSeconds() : initialDelaySeconds,
                maxDelaySeconds == null ? defaults.maxDelay().toSeconds() : maxDelaySeconds,
                resetAfterSeconds == null ? defaults.resetAfter().toSeconds() : resetAfterSeconds);
    }
}

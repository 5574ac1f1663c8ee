package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The observed state of one watcher. Times are RFC 3339 strings (UTC). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatcherStatus(
        @JsonPropertyDescription("Watcher id: filesystem, gmail, whatsapp or approval; vault-keeper for the vault-keeper.") @Required String name,
        @JsonPropertyDescription("Pending, Running, BackingOff, ConfigError, Disabled, Suspended or Stopped.") @Required WatcherPhase phase,
        @JsonPropertyDescription("The watcher's current pod (the failed one while backing off).") String podName,
        @JsonPropertyDescription("Restarts since the watcher last ran healthy for restartPolicy.resetAfterSeconds.") Integer restarts,
        @JsonPropertyDescription("Exit code of the last failure, if the container terminated.") Integer lastExitCode,
        @JsonPropertyDescription("Termination message (or reason) of the last failure.") String lastFailureMessage,
        @JsonPropertyDescription("When the last failure happened.") String lastFailureTime,
        @JsonPropertyDescription("When the last replacement pod was created.") String lastRestartTime,
        @JsonPropertyDescription("When the next replacement pod will be created (only while BackingOff).") String nextRestartTime) {

    public int restartCount() {
        return restarts == null ? 0 : restarts;
    }
}

package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The File System Watcher: files dropped in Inbox/ become action files in Needs_Action/. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilesystemWatcherSpec(
        @JsonPropertyDescription(WatcherDescriptions.ENABLED) @Default("true") Boolean enabled,
        @JsonPropertyDescription(WatcherDescriptions.IMAGE) String image,
        @JsonPropertyDescription(WatcherDescriptions.RESOURCES) ResourceRequirements resources,
        @JsonPropertyDescription(WatcherDescriptions.ENV) List<EnvVar> env) implements WatcherSettings {
}

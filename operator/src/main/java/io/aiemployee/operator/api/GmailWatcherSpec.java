package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The Gmail Inbox Watcher: unread important mail becomes action files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GmailWatcherSpec(
        @JsonPropertyDescription(WatcherDescriptions.ENABLED) @Default("true") Boolean enabled,
        @JsonPropertyDescription(WatcherDescriptions.IMAGE) String image,
        @JsonPropertyDescription(WatcherDescriptions.RESOURCES) ResourceRequirements resources,
        @JsonPropertyDescription(WatcherDescriptions.ENV) List<EnvVar> env,

        @JsonPropertyDescription("Name of the Secret (same namespace) holding the OAuth token (key token.json), mounted read-only at /var/run/secrets/aiemployee/gmail. Required when the watcher is enabled; create it with 'watcher gmail setup'.")
        @Pattern(VaultSpec.DNS_SUBDOMAIN_PATTERN)
        String credentialsSecret,

        @JsonPropertyDescription("Gmail search query selecting the messages to act on. Default \"is:unread is:important\".")
        @Default("is:unread is:important")
        String query,

        @JsonPropertyDescription("Seconds between polls of the Gmail API. Default 120.")
        @Default("120") @Min(10) @Max(86400)
        Integer pollIntervalSeconds) implements WatcherSettings {

    public static final String DEFAULT_QUERY = "is:unread is:important";
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 120;
}

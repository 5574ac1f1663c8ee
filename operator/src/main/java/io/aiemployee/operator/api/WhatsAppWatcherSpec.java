package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The WhatsApp Watcher: WhatsApp Web messages containing a keyword become action files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatsAppWatcherSpec(
        @JsonPropertyDescription(WatcherDescriptions.ENABLED) @Default("true") Boolean enabled,
        @JsonPropertyDescription(WatcherDescriptions.IMAGE) String image,
        @JsonPropertyDescription(WatcherDescriptions.RESOURCES) ResourceRequirements resources,
        @JsonPropertyDescription(WatcherDescriptions.ENV) List<EnvVar> env,

        @JsonPropertyDescription("Name of the PersistentVolumeClaim (same namespace) holding the WhatsApp Web browser session, mounted read-write at /session. Required when the watcher is enabled.")
        @Pattern(VaultSpec.DNS_SUBDOMAIN_PATTERN)
        String sessionClaim,

        @JsonPropertyDescription("Messages containing one of these words (case-insensitive) become action files. Default: urgent, asap, invoice, payment, help.")
        List<String> keywords) implements WatcherSettings {

    public static final List<String> DEFAULT_KEYWORDS = List.of("urgent", "asap", "invoice", "payment", "help");
}

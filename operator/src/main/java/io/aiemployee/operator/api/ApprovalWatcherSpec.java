package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The Approval Handler: executes only what a human moved to Approved/. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalWatcherSpec(
        @JsonPropertyDescription(WatcherDescriptions.ENABLED) @Default("true") Boolean enabled,
        @JsonPropertyDescription(WatcherDescriptions.IMAGE) String image,
        @JsonPropertyDescription(WatcherDescriptions.RESOURCES) ResourceRequirements resources,
        @JsonPropertyDescription(WatcherDescriptions.ENV) List<EnvVar> env,

        @JsonPropertyDescription("true: approved actions are logged, not executed (no mail is sent). Default true.")
        @Default("true")
        Boolean dryRun,

        @JsonPropertyDescription("Name of the Secret (same namespace) with the SMTP settings, mounted read-only at /var/run/secrets/aiemployee/smtp. Needed to send mail when dryRun is false.")
        @Pattern(VaultSpec.DNS_SUBDOMAIN_PATTERN)
        String smtpSecret) implements WatcherSettings {

    public boolean effectiveDryRun() {
        return !Boolean.FALSE.equals(dryRun);
    }
}

package io.aiemployee.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    static AIEmployee with(AIEmployeeSpec spec) {
        return new AIEmployee("ns", "alice", spec);
    }

    @Test
    void aCompleteSpecIsValid() {
        var watchers = new WatchersSpec(new FilesystemWatcherSpec(null, null, null, null),
                new GmailWatcherSpec(null, null, null, null, "token", null, null),
                new WhatsAppWatcherSpec(null, null, null, null, "session", null),
                new ApprovalWatcherSpec(null, null, null, null, null, null));
        assertThat(SpecValidator.validate(with(new AIEmployeeSpec(null, null, null, null, watchers)))).isEmpty();
        assertThat(SpecValidator.validate(with(null))).isEmpty();
    }

    @Test
    void crossFieldRulesNameTheField() {
        var resources = new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("1Gi"))
                .addToLimits("memory", new Quantity("256Mi")).build();
        var watchers = new WatchersSpec(
                new FilesystemWatcherSpec(true, null, resources, List.of(new EnvVar("VAULT_PATH", "/x", null))),
                new GmailWatcherSpec(true, null, null, null, null, null, null),
                new WhatsAppWatcherSpec(false, null, null, null, null, null),
                null);
        var problems = SpecValidator.validate(with(new AIEmployeeSpec(null, null, new RestartPolicySpec(10, 5, null),
                new VaultSpec("1Gi", null, "mine", null), watchers)));
        assertThat(problems).containsExactlyInAnyOrder(
                "spec.restartPolicy.maxDelaySeconds: 5 must not be smaller than initialDelaySeconds (10)",
                "spec.vault.existingClaim: size and storageClassName apply only to the claim the operator creates; remove them or existingClaim",
                "spec.watchers.gmail.credentialsSecret: required when the Gmail watcher is enabled",
                "spec.watchers.filesystem.env[0].name: VAULT_PATH is set by the operator",
                "spec.watchers.filesystem.resources.requests.memory: 1Gi exceeds the limit 256Mi");
    }

    @Test
    void tooLongNamesAreRejected() {
        var aie = new AIEmployee("ns", "a".repeat(64), null);
        assertThat(SpecValidator.validate(aie)).singleElement().asString().startsWith("metadata.name:");
    }
}

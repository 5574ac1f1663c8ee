package io.aiemployee.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed example parses into the model and passes validation; the committed CRD carries the
 * schema constraints docs/api.md promises the API server enforces.
 */
class ExampleAndSchemaTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void exampleIsAValidAIEmployeeWithAllFourWatchers() throws IOException {
        AIEmployee example = SERIALIZATION.unmarshal(Files.readString(Path.of("..", "examples", "aiemployee.yaml")),
                AIEmployee.class);
        assertThat(example.getMetadata().getName()).isEqualTo("alice");
        assertThat(SpecValidator.validate(example)).isEmpty();
        var watchers = example.getSpec().effectiveWatchers();
        assertThat(watchers.gmail().credentialsSecret()).isEqualTo("gmail-token");
        assertThat(watchers.whatsapp().keywords()).contains("urgent");
        assertThat(example.getSpec().effectiveRestartPolicy().toRestartPolicy())
                .isEqualTo(io.aiemployee.operator.restart.RestartPolicy.DEFAULT);
    }

    @Test
    void schemaRejectsWhatItCanExpress() throws IOException {
        CustomResourceDefinition crd = SERIALIZATION.unmarshal(
                Files.readString(CrdDriftTest.committedCrds().resolve(CrdDriftTest.CRD_FILE)), CustomResourceDefinition.class);
        var version = crd.getSpec().getVersions().get(0);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("aie");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .containsExactlyInAnyOrder("Status", "Ready", "Restarts", "Age", "Pending");
        JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        var health = spec.getProperties().get("healthCheckIntervalSeconds");
        assertThat(health.getMinimum()).isEqualTo(1.0);
        assertThat(health.getDefault().asInt()).isEqualTo(30);
        var restart = spec.getProperties().get("restartPolicy").getProperties();
        assertThat(restart.get("initialDelaySeconds").getMinimum()).isEqualTo(1.0);
        assertThat(restart.get("initialDelaySeconds").getDefault().asInt()).isEqualTo(2);
        assertThat(restart.get("maxDelaySeconds").getDefault().asInt()).isEqualTo(32);
        assertThat(restart.get("resetAfterSeconds").getDefault().asInt()).isEqualTo(600);
        var vault = spec.getProperties().get("vault").getProperties();
        assertThat(vault.get("reclaimPolicy").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder("Retain", "Delete");
        assertThat(vault.get("size").getPattern()).isEqualTo(VaultSpec.QUANTITY_PATTERN);
        var gmail = spec.getProperties().get("watchers").getProperties().get("gmail").getProperties();
        assertThat(gmail.get("pollIntervalSeconds").getMinimum()).isEqualTo(10.0);
        assertThat(gmail.get("credentialsSecret").getDescription()).contains("/var/run/secrets/aiemployee/gmail");
        assertThat(spec.getProperties().get("suspend").getDefault().asBoolean()).isFalse();
    }
}

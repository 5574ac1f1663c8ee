package io.aiemployee.operator.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.FilesystemWatcherSpec;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The corpus of invalid AIEmployees in {@code badinput/invalid-aiemployees.yaml}: every case is caught,
 * by the CRD schema (checked against the committed CRD, as the API server would) or by the operator
 * with Ready=False reason InvalidSpec naming the field, and the operator keeps serving valid resources.
 */
class InvalidAIEmployeeTest {

    record Case(String id, String expect, String field, String name, JsonNode resource) {
    }

    static List<Case> cases;
    static StructuralSchemaValidator schema;
    OperatorHarness harness;

    @BeforeAll
    static void load() throws Exception {
        schema = StructuralSchemaValidator.fromCrd(Path.of("..", "crds", "aiemployees.aiemployee.io-v1.yml"));
        cases = new ArrayList<>();
        try (InputStream in = InvalidAIEmployeeTest.class.getResourceAsStream("/badinput/invalid-aiemployees.yaml")) {
            List<Map<String, Object>> raw = new Yaml().load(in);
            for (int i = 0; i < raw.size(); i++) {
                var c = raw.get(i);
                String name = c.get("name") != null ? (String) c.get("name") : String.format("bad-%02d", i);
                ObjectNode resource = Serialization.jsonMapper().createObjectNode();
                resource.put("apiVersion", AIEmployee.GROUP + "/" + AIEmployee.VERSION).put("kind", "AIEmployee");
                resource.putObject("metadata").put("name", name).put("namespace", OperatorHarness.NAMESPACE);
                resource.set("spec", Serialization.jsonMapper().valueToTree(c.get("spec")));
                cases.add(new Case((String) c.get("id"), (String) c.get("expect"), (String) c.get("field"), name, resource));
            }
        }
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void corpusIsLargeAndCoversEveryWayOfCatchingIt() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases).extracting(Case::expect).containsOnly("schema", "unknownField", "invalidSpec")
                .contains("schema", "unknownField", "invalidSpec");
        System.out.println("InvalidAIEmployeeTest: " + cases.size() + " cases: "
                + cases.stream().filter(c -> c.expect().equals("schema")).count() + " schema, "
                + cases.stream().filter(c -> c.expect().equals("unknownField")).count() + " unknown field, "
                + cases.stream().filter(c -> c.expect().equals("invalidSpec")).count() + " InvalidSpec");
    }

    @Test
    void validResourcesPassTheSchema() {
        for (AIEmployee valid : List.of(Employees.withAllWatchers("good", 30), validWithCustomImages("good-images"))) {
            var result = schema.validate(Serialization.jsonMapper().valueToTree(valid));
            assertThat(result.errors()).as(valid.getMetadata().getName()).isEmpty();
            assertThat(result.unknownFields()).as(valid.getMetadata().getName()).isEmpty();
        }
    }

    @Test
    void schemaRejectsTheSchemaCasesNamingTheField() {
        for (Case c : cases) {
            var result = schema.validate(c.resource());
            switch (c.expect()) {
                case "schema" -> {
                    assertThat(result.errors()).as(c.id() + " must be rejected by the schema").isNotEmpty();
                    assertThat(result.errors()).as(c.id() + " errors must name " + c.field())
                            .anyMatch(e -> e.startsWith(c.field() + ":") || e.startsWith(c.field() + "."));
                }
                case "unknownField" -> {
                    assertThat(result.errors()).as(c.id()).isEmpty();
                    assertThat(result.unknownFields()).as(c.id()).contains(c.field());
                }
                default -> {
                    // these reach the operator on a real cluster, so the schema must let them through
                    assertThat(result.errors()).as(c.id() + " passes the schema").isEmpty();
                    assertThat(result.unknownFields()).as(c.id()).isEmpty();
                }
            }
        }
    }

    @Test
    void operatorReportsInvalidSpecNamingTheFieldAndKeepsServingValidOnes() {
        harness = OperatorHarness.onMockServer(50).startOperator();
        harness.create(Employees.withAllWatchers("good-before", 30));
        List<Case> invalid = cases.stream().filter(c -> c.expect().equals("invalidSpec")).toList();
        for (Case c : invalid) {
            harness.create(Serialization.jsonMapper().convertValue(c.resource(), AIEmployee.class));
        }
        harness.create(validWithCustomImages("good-after"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Case c : invalid) {
                var status = harness.get(c.name()).getStatus();
                assertThat(status).as(c.id()).isNotNull();
                assertThat(status.systemStatus()).as(c.id()).isEqualTo(SystemStatus.Degraded);
                Condition ready = status.condition("Ready").orElseThrow();
                assertThat(ready.getStatus()).as(c.id()).isEqualTo("False");
                assertThat(ready.getReason()).as(c.id()).isEqualTo("InvalidSpec");
                assertThat(ready.getMessage()).as(c.id() + " names the field").contains(c.field() + ":");
            }
            for (String good : List.of("good-before", "good-after")) {
                var status = harness.get(good).getStatus();
                assertThat(status).as(good).isNotNull();
                assertThat(status.systemStatus()).as(good).isEqualTo(SystemStatus.Online);
            }
        });
        for (Case c : invalid) {
            assertThat(harness.pods(c.name())).as("no pod for the invalid " + c.id()).isEmpty();
        }

        // still healthy: a crash of a valid employee's watcher is restarted
        var victim = harness.pods("good-before").stream()
                .filter(p -> "filesystem".equals(p.getMetadata().getLabels().get(Labels.COMPONENT))).findFirst().orElseThrow();
        harness.kubelet().terminate(OperatorHarness.NAMESPACE, victim.getMetadata().getName(), 1, "crash");
        // and an invalid one that is corrected starts
        Case fixable = invalid.stream().filter(c -> c.id().equals("image-with-spaces")).findFirst().orElseThrow();
        harness.client().resources(AIEmployee.class).inNamespace(OperatorHarness.NAMESPACE).withName(fixable.name())
                .edit(r -> {
                    r.setSpec(new AIEmployeeSpec(null, null, null, null,
                            new WatchersSpec(new FilesystemWatcherSpec(true, null, null, null), null, null, null)));
                    return r;
                });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var good = harness.get("good-before").getStatus();
            assertThat(good.restarts()).isEqualTo(1);
            assertThat(good.systemStatus()).isEqualTo(SystemStatus.Online);
            var fixed = harness.get(fixable.name()).getStatus();
            assertThat(fixed.systemStatus()).isEqualTo(SystemStatus.Online);
            assertThat(fixed.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
        });
    }

    /** Valid but unusual image references: registry with a port, nested path, digest. */
    static AIEmployee validWithCustomImages(String name) {
        String digest = "sha256:" + "a".repeat(64);
        return Employees.with(name, new AIEmployeeSpec(null, 30, null, null, new WatchersSpec(
                new FilesystemWatcherSpec(true, "localhost:5000/team/watcher:dev-1", null, null),
                null, null,
                new io.aiemployee.operator.api.ApprovalWatcherSpec(true, "ghcr.io/aiemployee/watcher@" + digest,
                        null, null, true, null))));
    }
}

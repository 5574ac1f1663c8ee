package io.aiemployee.operator.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** values.schema.json rejects wrong types and unknown keys before anything is rendered. */
class HelmValuesSchemaTest {

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("replicas", "two", "'/replicas': got string, want integer"),
                arguments("replicas", -1, "'/replicas': minimum"),
                arguments("metrics.port", "http", "'/metrics/port': got string, want integer"),
                arguments("metrics.port", 80, "'/metrics/port': minimum"),
                arguments("image.pullPolicy", "Sometimes", "'/image/pullPolicy'"),
                arguments("logging.format", "xml", "'/logging/format'"),
                arguments("logging.level", "VERBOSE", "'/logging/level'"),
                arguments("serviceMonitor.enabled", "yes", "'/serviceMonitor/enabled': got string, want boolean"),
                arguments("leaderElection.enabled", 1, "'/leaderElection/enabled': got number, want boolean"),
                arguments("watchNamespaces[0]", "Team_A", "'/watchNamespaces/0'"),
                arguments("watchNamespaces", "team-a", "'/watchNamespaces': got string, want array"),
                arguments("nodeSelector", "linux", "'/nodeSelector': got string, want object"),
                arguments("tolerations[0].operator", "Maybe", "'/tolerations/0/operator'"),
                arguments("resources.requests.memory", "lots", "'/resources/requests/memory'"),
                // unknown keys, at the top and nested: typos must not be ignored silently
                arguments("replica", 2, "replica"),
                arguments("image.name", "x", "name"),
                arguments("logging.colour", "red", "colour"),
                arguments("resources.requets.cpu", "1", "requets"),
                arguments("affinity.nodeAfinity.x", "y", "nodeAfinity"));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @MethodSource("invalidValues")
    void schemaRejects(String key, Object value, String reported) {
        assertThatThrownBy(() -> Chart.render(Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(reported);
    }

    @Test
    void schemaRejectsAValuesFileWithAnUnknownKeyAndAWrongType(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, """
                replicas: "1"
                serviceMonitor:
                  enabled: true
                  scrapeTimeout: 10s
                """);

        assertThatThrownBy(() -> Chart.render(command -> command.withValuesFile(values)))
                .hasMessageContaining("replicas")
                .hasMessageContaining("scrapeTimeout");
    }

    @Test
    void schemaAcceptsAFullValidValuesFile(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, """
                image: {repository: registry.example/operator, tag: "1.2.3", pullPolicy: Always}
                imagePullSecrets: [{name: pull}]
                replicas: 2
                resources: {requests: {cpu: 250m, memory: 300Mi}, limits: {cpu: 1, memory: 1Gi}}
                watchNamespaces: [team-a, team-b]
                watcherImages: {watcher: "r/w:1", whatsapp: "r/wa:1"}
                logging: {level: WARN, format: json}
                metrics: {port: 9090}
                service: {type: ClusterIP}
                serviceMonitor: {enabled: true, interval: 1m, labels: {release: prom}}
                leaderElection: {enabled: true, leaseName: aie-leader}
                serviceAccount: {name: aie, annotations: {a: b}}
                podAnnotations: {x: "y"}
                podLabels: {team: ai}
                nodeSelector: {kubernetes.io/os: linux}
                tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
                affinity: {podAntiAffinity: {}}
                """);

        Chart.Rendered rendered = Chart.render(command -> command.withValuesFile(values));

        assertThat(rendered.kinds()).contains("Deployment", "ServiceMonitor").doesNotContain("ClusterRole");
    }
}

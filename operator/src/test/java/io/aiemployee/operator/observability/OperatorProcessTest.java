package io.aiemployee.operator.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.cli.AIEmployeeCommand;
import io.aiemployee.operator.helm.Chart;
import io.aiemployee.operator.helm.HelmChartTest;
import io.aiemployee.operator.helm.Rbac;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.KubeletSimulator;
import io.aiemployee.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code aiemployee operator} as its own JVM, with exactly the environment the Helm chart gives the
 * operator container (JSON logs, leader election, the metrics port), against the mock API server:
 * the probes answer, it reconciles, the metrics show it, its log lines are JSON carrying the
 * resource, and SIGTERM stops it.
 */
class OperatorProcessTest {

    private static final String POD_NAME = "ai-aiemployee-operator-5d9c7-x2x7q";

    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer api;
    private KubeletSimulator kubelet;
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theOperatorRunsWithTheChartsEnvironment(@TempDir Path dir) throws Exception {
        int port = freePort();
        Chart.Rendered rendered = Chart.render(Map.of("logging.format", "json", "metrics.port", port));
        api = new ApiServer();
        api.answerRulesReviews(new Rbac(rendered, "ai-aiemployee-operator", Chart.NAMESPACE)::rulesIn);
        kubelet = new KubeletSimulator(api.client(), Clock.systemUTC());

        Map<String, String> env = new java.util.HashMap<>(HelmChartTest.env(HelmChartTest.operator(rendered)));
        env.put("OPERATOR_NAMESPACE", Chart.NAMESPACE); // the downward API
        env.put("HOSTNAME", POD_NAME);                  // what Kubernetes sets: the leader identity
        Path log = dir.resolve("operator.log");
        process = start(env, log);

        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> status("/healthz") == 200);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> status("/readyz") == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> POD_NAME.equals(leaseHolder(env.get("LEADER_ELECTION_LEASE_NAME"))));

        api.client().resource(Employees.withAllWatchers("alice", 30)).create();
        await().atMost(Duration.ofSeconds(90)).until(() -> systemStatus() == SystemStatus.Online);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(port);
            assertThat(scrape.value("aiemployees", Map.of("system_status", "Online"))).hasValue(1.0);
            assertThat(scrape.value("aiemployee_watchers",
                    Map.of("namespace", OperatorHarness.NAMESPACE, "aiemployee", "alice", "phase", "Running"))).hasValue(4.0);
            assertThat(scrape.value("operator_sdk_reconciliations_success_total", Map.of("kind", "AIEmployee")))
                    .isPresent();
        });

        List<JsonNode> lines = jsonLines(log);
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("mdc").path("namespace").asText()).isEqualTo(OperatorHarness.NAMESPACE);
            assertThat(line.path("mdc").path("name").asText()).isEqualTo("alice");
            assertThat(line.path("formattedMessage").asText()).contains("starting in pod");
        });

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM; the log ends with:%n%s",
                String.join("\n", tail(log, 15))).isTrue();
        assertThat(jsonLines(log)).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).isEqualTo("Shutting down"));
    }

    private Process start(Map<String, String> env, Path log) throws IOException {
        Path logback = Path.of("target", "classes", "logback.xml").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                // the test class path also holds logback-test.xml; the operator's own configuration is meant
                "-Dlogback.configurationFile=" + logback,
                "-Dkubernetes.master=" + api.client().getConfiguration().getMasterUrl(),
                "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dkubernetes.namespace=" + Chart.NAMESPACE,
                "-cp", System.getProperty("java.class.path"),
                AIEmployeeCommand.class.getName(), "operator"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static List<String> tail(Path log, int count) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static List<JsonNode> jsonLines(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int port;

    private int metricsPort() {
        return port;
    }

    private String leaseHolder(String name) {
        Lease lease = api.client().leases().inNamespace(Chart.NAMESPACE).withName(name).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private SystemStatus systemStatus() {
        AIEmployee alice = api.client().resources(AIEmployee.class).inNamespace(OperatorHarness.NAMESPACE)
                .withName("alice").get();
        AIEmployeeStatus status = alice == null ? null : alice.getStatus();
        return status == null ? null : status.systemStatus();
    }

    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            return port;
        }
    }
}

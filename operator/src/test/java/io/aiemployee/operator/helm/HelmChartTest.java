package io.aiemployee.operator.helm;

import com.marcnuri.helm.LintResult;
import io.aiemployee.watcher.WatcherImages;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class HelmChartTest {

    private static final String CRD_FILE = "aiemployees.aiemployee.io-v1.yml";

    @Test
    void strictLintPasses() {
        LintResult result = Chart.helm().lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderTheOperatorWithClusterWideRbacAndNoServiceMonitor() {
        Chart.Rendered rendered = Chart.render(Map.of());

        assertThat(rendered.kinds()).containsExactlyInAnyOrder(
                "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");
        Deployment deployment = rendered.one(Deployment.class);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName());
        assertThat(operator(rendered).getArgs()).containsExactly("operator");
    }

    @Test
    void everyObjectCarriesTheRecommendedLabels() {
        for (Chart.Rendered rendered : List.of(
                Chart.render(Map.of()),
                Chart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")),
                Chart.render(Map.of("serviceMonitor.enabled", true)))) {
            for (HasMetadata object : rendered.objects()) {
                assertThat(object.getMetadata().getLabels())
                        .as("labels of %s %s", object.getKind(), object.getMetadata().getName())
                        .containsEntry("app.kubernetes.io/name", "aiemployee-operator")
                        .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                        .containsEntry("app.kubernetes.io/version", "0.1.0")
                        .containsEntry("app.kubernetes.io/component", "operator")
                        .containsEntry("app.kubernetes.io/part-of", "aiemployee")
                        .containsEntry("app.kubernetes.io/managed-by", "Helm")
                        .containsEntry("helm.sh/chart", "aiemployee-operator-0.1.0");
            }
            Deployment deployment = rendered.one(Deployment.class);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void operatorPodIsRestricted() {
        Chart.Rendered rendered = Chart.render(Map.of());
        PodSpec pod = rendered.one(Deployment.class).getSpec().getTemplate().getSpec();

        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isPositive();
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);

        assertThat(pod.getContainers()).hasSize(1);
        assertThat(pod.getInitContainers()).isEmpty();
        SecurityContext container = operator(rendered).getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        // the read-only root filesystem leaves /tmp on an emptyDir as the only writable path
        assertThat(operator(rendered).getVolumeMounts())
                .singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        Volume tmp = pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(operator(rendered).getVolumeMounts().get(0).getName()))
                .findFirst().orElseThrow();
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
    }

    @Test
    void probesUseTheHealthEndpointsOnTheMetricsPort() {
        Chart.Rendered rendered = Chart.render(Map.of("metrics.port", 9191));
        Container operator = operator(rendered);

        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getContainerPort()).isEqualTo(9191);
            assertThat(port.getName()).isEqualTo("http-metrics");
        });
        assertThat(env(operator)).containsEntry("METRICS_PORT", "9191");
        assertProbe(operator.getLivenessProbe(), "/healthz");
        assertProbe(operator.getStartupProbe(), "/healthz");
        assertProbe(operator.getReadinessProbe(), "/readyz");

        Service service = rendered.one(Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(9191);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http-metrics");
        });
        assertThat(service.getSpec().getSelector())
                .isEqualTo(rendered.one(Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
    }

    @Test
    void defaultsPassTheOperatorItsEnvironment() {
        Container operator = operator(Chart.render(Map.of()));
        Map<String, String> env = env(operator);

        assertThat(env).containsEntry("WATCH_NAMESPACES", "")
                .containsEntry("LOG_LEVEL", "INFO")
                .containsEntry("LOG_FORMAT", "text")
                .containsEntry("METRICS_PORT", "8080")
                .containsEntry("LEADER_ELECTION_ENABLED", "true")
                .containsEntry("LEADER_ELECTION_LEASE_NAME", "ai-aiemployee-operator-leader");
        EnvVar operatorNamespace = operator.getEnv().stream()
                .filter(var -> var.getName().equals("OPERATOR_NAMESPACE")).findFirst().orElseThrow();
        assertThat(operatorNamespace.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    }

    @Test
    void valuesReachTheOperatorEnvironment() {
        Chart.Rendered rendered = Chart.render(Map.of(
                "watchNamespaces[0]", "team-a",
                "watchNamespaces[1]", "team-b",
                "logging.level", "DEBUG",
                "logging.format", "json",
                "watcherImages.watcher", "registry.example/w:1",
                "watcherImages.whatsapp", "registry.example/wa:1",
                "leaderElection.leaseName", "my-lease"));

        assertThat(env(operator(rendered)))
                .containsEntry("WATCH_NAMESPACES", "team-a,team-b")
                .containsEntry("LOG_LEVEL", "DEBUG")
                .containsEntry("LOG_FORMAT", "json")
                .containsEntry("WATCHER_IMAGE", "registry.example/w:1")
                .containsEntry("WATCHER_WHATSAPP_IMAGE", "registry.example/wa:1")
                .containsEntry("LEADER_ELECTION_LEASE_NAME", "my-lease");
    }

    @Test
    void defaultImagesAgreeWithWatcherImages() {
        Container operator = operator(Chart.render(Map.of()));

        assertThat(operator.getImage()).isEqualTo(WatcherImages.OPERATOR);
        assertThat(env(operator))
                .containsEntry("WATCHER_IMAGE", WatcherImages.WATCHER)
                .containsEntry("WATCHER_WHATSAPP_IMAGE", WatcherImages.WATCHER_WHATSAPP);
    }

    @Test
    void schedulingValuesReachThePod() {
        Chart.Rendered rendered = Chart.render(command -> command
                .set("nodeSelector.kubernetes\\.io/os", "linux")
                .set("tolerations[0].key", "dedicated")
                .set("tolerations[0].operator", "Equal")
                .set("tolerations[0].value", "operators")
                .set("tolerations[0].effect", "NoSchedule")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].key", "kubernetes.io/arch")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].operator", "In")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].values[0]", "amd64")
                .set("resources.limits.cpu", "2")
                .set("replicas", 2)
                .set("image.tag", "0.2.0"));
        Deployment deployment = rendered.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("dedicated");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues()).containsExactly("amd64");
        assertThat(operator(rendered).getResources().getLimits().get("cpu").toString()).isEqualTo("2");
        assertThat(operator(rendered).getResources().getRequests().get("memory").toString()).isEqualTo("256Mi");
        assertThat(operator(rendered).getImage()).isEqualTo("ghcr.io/aiemployee/operator:0.2.0");
    }

    @Test
    void severalReplicasWithoutLeaderElectionAreRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("replicas", 2, "leaderElection.enabled", false)))
                .hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
        assertThat(Chart.render(Map.of("replicas", 1, "leaderElection.enabled", false)).kinds())
                .contains("Deployment");
    }

    @Test
    void serviceMonitorScrapesTheMetricsServiceWhenEnabled() {
        Chart.Rendered rendered = Chart.render(Map.of(
                "serviceMonitor.enabled", true,
                "serviceMonitor.interval", "15s",
                "serviceMonitor.labels.release", "prometheus"));

        GenericKubernetesResource monitor = rendered.one(GenericKubernetesResource.class);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Service service = rendered.one(Service.class);
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
                .isEqualTo(service.getSpec().getSelector());
        assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames")).containsExactly(Chart.NAMESPACE);
        Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
        assertThat(endpoint).containsEntry("port", service.getSpec().getPorts().get(0).getName())
                .containsEntry("path", "/metrics")
                .containsEntry("interval", "15s");
    }

    @Test
    void crdIsTheRepositoryCrd() throws IOException {
        Path chartCrds = Chart.directory().resolve("crds");
        Path repositoryCrd = Chart.repositoryRoot().resolve("crds").resolve(CRD_FILE);

        try (Stream<Path> files = Files.list(chartCrds)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(CRD_FILE);
        }
        assertThat(repositoryCrd).exists();
        assertThat(Files.readString(chartCrds.resolve(CRD_FILE)))
                .as("helm/aiemployee-operator/crds/%s differs from crds/%s; copy it: cp crds/%s helm/aiemployee-operator/crds/",
                        CRD_FILE, CRD_FILE, CRD_FILE)
                .isEqualTo(Files.readString(repositoryCrd));
    }

    @Test
    void notesTellHowToApplyAnAIEmployeeAndReadItsStatus() {
        String notes = Chart.helm().install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).set("watchNamespaces[0]", "team-a")
                .clientOnly().dryRun().call().getOutput();

        assertThat(notes).contains("NOTES:")
                .contains("kind: AIEmployee")
                .contains("kubectl apply -n team-a -f -")
                .contains("kubectl get aie -n team-a")
                .contains("manages AIEmployees in: team-a.");
    }

    @Test
    void theNotesExampleIsAValidAIEmployee() throws IOException {
        String notes = Chart.helm().install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION).clientOnly().dryRun().call().getOutput();
        String example = notes.substring(notes.indexOf("cat <<'YAML'"), notes.indexOf("     YAML\n"));
        example = example.substring(example.indexOf('\n') + 1).lines()
                .map(line -> line.length() > 5 ? line.substring(5) : "").collect(Collectors.joining("\n"));

        Map<String, Object> resource = new Yaml().load(example);
        Map<String, Object> crd = new Yaml().load(Files.readString(Chart.directory().resolve("crds").resolve(CRD_FILE)));
        Map<String, Object> schema = path(crd, "spec", "versions", 0, "schema", "openAPIV3Schema", "properties", "spec");

        assertThat(resource).containsEntry("apiVersion", "aiemployee.io/v1alpha1").containsEntry("kind", "AIEmployee");
        assertThat(unknownFields("spec", (Map<?, ?>) resource.get("spec"), schema)).isEmpty();
        assertThat(path(resource, "spec", "watchers", "filesystem", "enabled").equals(Boolean.TRUE)).isTrue();
    }

    /** Field paths of {@code value} that the structural schema does not declare. */
    private static List<String> unknownFields(String at, Map<?, ?> value, Map<String, Object> schema) {
        Map<String, Object> properties = path(schema, "properties");
        List<String> unknown = new java.util.ArrayList<>();
        value.forEach((key, child) -> {
            Map<String, Object> childSchema = properties == null ? null : path(properties, key);
            if (childSchema == null) {
                unknown.add(at + "." + key);
            } else if (child instanceof Map<?, ?> map) {
                unknown.addAll(unknownFields(at + "." + key, map, childSchema));
            }
        });
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static <T> T path(Object root, Object... keys) {
        Object current = root;
        for (Object key : keys) {
            current = key instanceof Integer index ? ((List<Object>) current).get(index) : ((Map<Object, Object>) current).get(key);
            if (current == null) {
                return null;
            }
        }
        return (T) current;
    }

    public static Container operator(Chart.Rendered rendered) {
        return rendered.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    public static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(var -> var.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}

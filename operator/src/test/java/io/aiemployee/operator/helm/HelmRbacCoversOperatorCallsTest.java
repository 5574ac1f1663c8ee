package io.aiemployee.operator.helm;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.FilesystemWatcherSpec;
import io.aiemployee.operator.api.ReclaimPolicy;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.VaultSpec;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.observability.ApiServer;
import io.aiemployee.operator.observability.RunningOperator;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.KubeletSimulator;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.operator.testing.ScaledClock;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every API request the operator makes is allowed by the RBAC the chart renders. The requests come
 * from running the real operator, configured from the rendered Deployment's environment, against
 * the mock API server through a scenario that walks its code paths (create, crash and restart,
 * configuration error, spec change with a new reclaim policy and a disabled watcher, suspend,
 * delete), with leader election on. Nothing here lists what the operator is expected to call.
 */
class HelmRbacCoversOperatorCallsTest {

    private static final String AGENT = "operator-under-rbac";
    private static final String SERVICE_ACCOUNT = "ai-aiemployee-operator";
    private static final String NAMESPACE = OperatorHarness.NAMESPACE;

    @ParameterizedTest(name = "watchNamespaces={0}")
    @ValueSource(strings = {"", NAMESPACE})
    void everyRequestOfTheOperatorIsAllowedByTheRenderedRbac(String watchNamespaces) throws Exception {
        Chart.Rendered rendered = Chart.render(watchNamespaces.isEmpty() ? Map.of() : Map.of("watchNamespaces[0]", watchNamespaces));
        Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
        Map<String, String> env = HelmChartTest.env(HelmChartTest.operator(rendered));
        String operatorNamespace = rendered.one(Deployment.class).getMetadata().getNamespace();
        Set<String> namespaces = Arrays.stream(env.get("WATCH_NAMESPACES").split(","))
                .filter(namespace -> !namespace.isBlank()).collect(Collectors.toSet());
        var leaderElection = new LeaderElectionConfiguration(env.get("LEADER_ELECTION_LEASE_NAME"), operatorNamespace,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200), AGENT, null, false);

        List<ApiServer.Request> requests;
        try (ApiServer api = new ApiServer()) {
            api.answerRulesReviews(rbac::rulesIn);
            ScaledClock clock = new ScaledClock(100);
            try (KubeletSimulator kubelet = new KubeletSimulator(api.client(), clock);
                 RunningOperator operator = new RunningOperator(api, AGENT, clock, namespaces, leaderElection).start()) {
                new Scenario(api, kubelet).run();
            }
            requests = api.requestsBy(AGENT);
        }

        List<String> denied = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (ApiServer.Request request : requests) {
            Access access = Access.of(request);
            if (access.rbac() == null) {
                continue; // discovery and self-reviews: every authenticated user may make them
            }
            used.add(access.rbac().verb() + " " + access.rbac().resourceWithSubresource());
            if (!rbac.allows(access.rbac())) {
                denied.add(request.method() + " " + request.path() + " -> " + access.rbac());
            }
        }
        System.out.println("Operator API usage (watchNamespaces=" + watchNamespaces + "): " + used);
        assertThat(used).as("the scenario exercised the operator").contains(
                "create pods", "delete pods", "create persistentvolumeclaims", "patch aiemployees/status",
                "watch aiemployees", "patch leases");
        assertThat(denied).as("requests the rendered RBAC denies").isEmpty();
    }

    /** An HTTP request to the API server in RBAC terms; {@code rbac} null when every user may make it. */
    record Access(Rbac.Request rbac) {

        private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");

        static Access of(ApiServer.Request request) {
            String[] pathAndQuery = request.path().split("\\?", 2);
            List<String> segments = Arrays.stream(pathAndQuery[0].split("/")).filter(s -> !s.isEmpty()).toList();
            int resourceStart;
            String group;
            if (segments.size() >= 2 && segments.get(0).equals("api")) {
                group = "";
                resourceStart = 2;
            } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
                group = segments.get(1);
                resourceStart = 3;
            } else {
                return new Access(null);
            }
            List<String> rest = segments.subList(Math.min(resourceStart, segments.size()), segments.size());
            if (rest.isEmpty()) {
                return new Access(null); // API group discovery
            }
            String namespace = null;
            if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
                namespace = rest.get(1);
                rest = rest.subList(2, rest.size());
            }
            String resource = rest.get(0);
            String name = rest.size() > 1 ? rest.get(1) : null;
            String subresource = rest.size() > 2 ? rest.get(2) : null;
            if (SELF_REVIEWS.contains(resource) && "POST".equals(request.method())) {
                return new Access(null);
            }
            boolean watch = pathAndQuery.length > 1 && Arrays.stream(pathAndQuery[1].split("&"))
                    .anyMatch(parameter -> URLDecoder.decode(parameter, StandardCharsets.UTF_8).equals("watch=true"));
            String verb = switch (request.method()) {
                case "GET" -> name != null ? "get" : watch ? "watch" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> name != null ? "delete" : "deletecollection";
                default -> throw new AssertionError("unexpected method in " + request);
            };
            return new Access(new Rbac.Request(verb, group, resource, subresource, namespace, name));
        }
    }

    /** Walks the operator through its code paths, waiting for each step's effect. */
    private record Scenario(ApiServer api, KubeletSimulator kubelet) {

        void run() {
            api.client().resource(Employees.withAllWatchers("alice", 30)).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> systemStatus() == SystemStatus.Online);

            String gmailPod = watcher("gmail").podName();
            kubelet.terminate(NAMESPACE, gmailPod, 1, "crashed");
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher("gmail").restartCount() == 1
                    && watcher("gmail").phase() == WatcherPhase.Running);

            kubelet.terminate(NAMESPACE, watcher("whatsapp").podName(), 78, "login needed");
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher("whatsapp").phase() == WatcherPhase.ConfigError);

            edit(spec -> new AIEmployeeSpec(spec.suspend(), spec.healthCheckIntervalSeconds(), spec.restartPolicy(),
                    new VaultSpec(null, null, null, ReclaimPolicy.Delete),
                    new WatchersSpec(new FilesystemWatcherSpec(false, null, null, null), spec.watchers().gmail(),
                            spec.watchers().whatsapp(), spec.watchers().approval())));
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher("filesystem").phase() == WatcherPhase.Disabled
                    && claimOwned());

            edit(spec -> new AIEmployeeSpec(true, spec.healthCheckIntervalSeconds(), spec.restartPolicy(),
                    spec.vault(), spec.watchers()));
            await().atMost(Duration.ofSeconds(30)).until(() -> systemStatus() == SystemStatus.Offline);

            api.client().resources(AIEmployee.class).inNamespace(NAMESPACE).withName("alice").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> alice() == null);
        }

        /** Changes the spec as a user would, retrying when the operator's status patch came in between. */
        private void edit(java.util.function.UnaryOperator<AIEmployeeSpec> change) {
            await().atMost(Duration.ofSeconds(5)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                    && k.getCode() == 409).until(() -> {
                        api.client().resources(AIEmployee.class).inNamespace(NAMESPACE).withName("alice").edit(resource -> {
                            resource.setSpec(change.apply(resource.getSpec()));
                            return resource;
                        });
                        return true;
                    });
        }

        private boolean claimOwned() {
            PersistentVolumeClaim claim = api.client().persistentVolumeClaims().inNamespace(NAMESPACE)
                    .withName("alice-vault").get();
            return claim != null && !claim.getMetadata().getOwnerReferences().isEmpty();
        }

        private AIEmployee alice() {
            return api.client().resources(AIEmployee.class).inNamespace(NAMESPACE).withName("alice").get();
        }

        private SystemStatus systemStatus() {
            AIEmployeeStatus status = alice().getStatus();
            return status == null ? null : status.systemStatus();
        }

        private WatcherStatus watcher(String name) {
            return alice().getStatus().watcher(name).orElseThrow();
        }
    }
}

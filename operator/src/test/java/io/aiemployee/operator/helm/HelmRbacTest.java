package io.aiemployee.operator.helm;

import io.aiemployee.operator.resources.VaultKeeperRole;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered RBAC: exactly the operator's rules, cluster-wide or per watched namespace. */
class HelmRbacTest {

    private static final String SERVICE_ACCOUNT = "ai-aiemployee-operator";

    /** The operator's rules on the namespaces it watches, as docs/install.md lists them. */
    private static final List<PolicyRule> OPERATOR_RULES = List.of(
            rule("aiemployee.io", "aiemployees", "get", "list", "watch", "patch", "update"),
            rule("aiemployee.io", "aiemployees/status", "get", "patch", "update"),
            rule("aiemployee.io", "aiemployees/finalizers", "update"),
            rule("", "pods", "get", "list", "watch", "create", "delete"),
            rule("", "persistentvolumeclaims", "get", "list", "watch", "create", "patch", "delete"),
            rule("", "events", "create", "patch"),
            rule("", "serviceaccounts", "get", "list", "watch", "create", "update", "delete"),
            new PolicyRuleBuilder().withApiGroups("rbac.authorization.k8s.io").withResources("roles", "rolebindings")
                    .withVerbs("get", "list", "watch", "create", "update", "delete").build());

    @Test
    void allNamespacesUseOneClusterRoleWithExactlyTheOperatorsRules() {
        Chart.Rendered rendered = Chart.render(Map.of());

        ClusterRole role = rendered.one(ClusterRole.class);
        assertThat(role.getRules()).containsExactlyElementsOf(OPERATOR_RULES);
        ClusterRoleBinding binding = rendered.one(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(SERVICE_ACCOUNT);
            assertThat(subject.getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
        Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
        assertThat(rbac.allows(request("watch", "", "pods", null, "anywhere"))).isTrue();
        assertThat(rbac.allows(request("list", "aiemployee.io", "aiemployees", null, null))).isTrue();
    }

    @Test
    void givenNamespacesGetARoleEachAndNothingClusterWide() {
        Chart.Rendered rendered = Chart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));

        assertThat(rendered.all(ClusterRole.class)).isEmpty();
        assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
        assertThat(rendered.objects()).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .as("%s %s is namespaced", object.getKind(), object.getMetadata().getName()).isNotBlank());
        for (String namespace : List.of("team-a", "team-b")) {
            Role role = roleIn(rendered, namespace);
            assertThat(role.getRules()).containsExactlyElementsOf(OPERATOR_RULES);
            RoleBinding binding = rendered.all(RoleBinding.class).stream()
                    .filter(candidate -> candidate.getMetadata().getNamespace().equals(namespace))
                    .findFirst().orElseThrow();
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        }
        Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
        assertThat(rbac.allows(request("create", "", "pods", null, "team-a"))).isTrue();
        assertThat(rbac.allows(request("create", "", "pods", null, "team-c"))).isFalse();
        assertThat(rbac.allows(request("list", "aiemployee.io", "aiemployees", null, null))).isFalse();
        // the operator's own namespace holds only the Lease
        assertThat(rbac.allows(request("list", "", "pods", null, Chart.NAMESPACE))).isFalse();
    }

    @Test
    void leaderElectionMayOnlyCreateAndUseItsOwnLeaseInTheOperatorNamespace() {
        Chart.Rendered rendered = Chart.render(Map.of("watchNamespaces[0]", "team-a"));
        Role leaseRole = roleIn(rendered, Chart.NAMESPACE);
        String lease = HelmChartTest.env(HelmChartTest.operator(rendered)).get("LEADER_ELECTION_LEASE_NAME");

        assertThat(leaseRole.getRules()).containsExactly(
                rule("coordination.k8s.io", "leases", "create"),
                new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withResourceNames(lease).withVerbs("get", "update", "patch").build());
        Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
        assertThat(rbac.allows(new Rbac.Request("update", "coordination.k8s.io", "leases", null, Chart.NAMESPACE, lease)))
                .isTrue();
        assertThat(rbac.allows(new Rbac.Request("update", "coordination.k8s.io", "leases", null, Chart.NAMESPACE, "kube-scheduler")))
                .isFalse();
        assertThat(rbac.allows(new Rbac.Request("get", "coordination.k8s.io", "leases", null, "team-a", lease)))
                .isFalse();

        Chart.Rendered withoutElection = Chart.render(Map.of("leaderElection.enabled", false));
        assertThat(withoutElection.all(Role.class)).isEmpty();
        assertThat(withoutElection.all(RoleBinding.class)).isEmpty();
    }

    @Test
    void noWildcardsNoSecretReadsNoExec() {
        for (Chart.Rendered rendered : List.of(Chart.render(Map.of()), Chart.render(Map.of("watchNamespaces[0]", "team-a")))) {
            List<PolicyRule> rules = rendered.objects().stream().flatMap(HelmRbacTest::rulesOf).toList();
            assertThat(rules).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
                assertThat(rule.getApiGroups()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*", "secrets", "pods/exec", "pods/attach",
                        "pods/portforward", "nodes", "nodes/proxy", "clusterroles", "clusterrolebindings");
                assertThat(rule.getNonResourceURLs()).isEmpty();
            });
            Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(rbac.allows(request(verb, "", "secrets", null, "team-a"))).isFalse();
            }
            assertThat(rbac.allows(request("create", "", "pods", "exec", "team-a"))).isFalse();
        }
    }

    @Test
    void theVaultKeeperRoleGrantsNothingTheOperatorDoesNotHold() {
        // RBAC's escalation check: the operator may create a Role (and bind it) only with rules it
        // holds itself in that namespace. The keeper's rules come from the class that builds its Role.
        List<PolicyRule> keeperRules = VaultKeeperRole.rules("alice");
        assertThat(keeperRules).isNotEmpty().allSatisfy(rule -> assertThat(rule.getResourceNames()).containsExactly("alice"));
        for (Chart.Rendered rendered : List.of(Chart.render(Map.of()), Chart.render(Map.of("watchNamespaces[0]", "team-a")))) {
            Rbac rbac = new Rbac(rendered, SERVICE_ACCOUNT, Chart.NAMESPACE);
            for (PolicyRule rule : keeperRules) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        String[] parts = resource.split("/", 2);
                        for (String verb : rule.getVerbs()) {
                            var request = new Rbac.Request(verb, group, parts[0], parts.length > 1 ? parts[1] : null,
                                    "team-a", "alice");
                            assertThat(rbac.allows(request)).as(request.toString()).isTrue();
                        }
                    }
                }
            }
            // VaultKeeperAccess: create, or read and update back to the desired state
            for (String resource : List.of("serviceaccounts", "roles", "rolebindings")) {
                String group = resource.startsWith("role") ? "rbac.authorization.k8s.io" : "";
                for (String verb : List.of("create", "get", "update")) {
                    assertThat(rbac.allows(request(verb, group, resource, null, "team-a"))).as(verb + " " + resource).isTrue();
                }
            }
            // the deletion finalizer: stop the watchers, mark Offline, remove the finalizer
            assertThat(rbac.allows(request("delete", "", "pods", null, "team-a"))).isTrue();
            assertThat(rbac.allows(request("patch", "aiemployee.io", "aiemployees", "status", "team-a"))).isTrue();
            assertThat(rbac.allows(request("patch", "aiemployee.io", "aiemployees", null, "team-a"))).isTrue();
        }
    }

    private static java.util.stream.Stream<PolicyRule> rulesOf(HasMetadata object) {
        if (object instanceof ClusterRole role) {
            return role.getRules().stream();
        }
        if (object instanceof Role role) {
            return role.getRules().stream();
        }
        return java.util.stream.Stream.empty();
    }

    private static Role roleIn(Chart.Rendered rendered, String namespace) {
        List<Role> roles = rendered.all(Role.class).stream()
                .filter(role -> role.getMetadata().getNamespace().equals(namespace)).toList();
        assertThat(roles).as("Roles in %s", namespace).hasSize(1);
        return roles.get(0);
    }

    private static PolicyRule rule(String group, String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
    }

    private static Rbac.Request request(String verb, String group, String resource, String subresource, String namespace) {
        return new Rbac.Request(verb, group, resource, subresource, namespace, null);
    }
}

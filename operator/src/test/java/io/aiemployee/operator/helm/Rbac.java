package io.aiemployee.operator.helm;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the rendered RBAC objects the way the API server's RBAC authorizer does, for the
 * operator's ServiceAccount: a request is allowed when a rule of a role bound to the account
 * matches its verb, API group, resource (with subresource) and, when the rule names resources,
 * its name. ClusterRoles bound by a ClusterRoleBinding apply everywhere; Roles only in their own
 * namespace.
 */
public final class Rbac {

    /** One API request in RBAC's terms; {@code namespace} null for cluster-scoped requests. */
    public record Request(String verb, String apiGroup, String resource, String subresource, String namespace, String name) {

        String resourceWithSubresource() {
            return subresource == null ? resource : resource + "/" + subresource;
        }

        @Override
        public String toString() {
            return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resourceWithSubresource()
                    + (name == null ? "" : " " + name) + (namespace == null ? " (cluster)" : " in " + namespace);
        }
    }

    private record Grant(String namespace, List<PolicyRule> rules) {
    }

    private final List<Grant> grants = new ArrayList<>();

    public Rbac(Chart.Rendered rendered, String serviceAccount, String serviceAccountNamespace) {
        for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
            if (bindsAccount(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                grants.add(new Grant(null, clusterRole(rendered, binding.getRoleRef()).getRules()));
            }
        }
        for (RoleBinding binding : rendered.all(RoleBinding.class)) {
            if (!bindsAccount(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                continue;
            }
            String namespace = binding.getMetadata().getNamespace();
            RoleRef ref = binding.getRoleRef();
            List<PolicyRule> rules = "ClusterRole".equals(ref.getKind())
                    ? clusterRole(rendered, ref).getRules()
                    : role(rendered, ref.getName(), namespace).getRules();
            grants.add(new Grant(namespace, rules));
        }
    }

    /** The rules that apply in {@code namespace}, as a SelfSubjectRulesReview would report them. */
    public List<ResourceRule> rulesIn(String namespace) {
        return grants.stream()
                .filter(grant -> grant.namespace() == null || grant.namespace().equals(namespace))
                .flatMap(grant -> grant.rules().stream())
                .map(rule -> new ResourceRuleBuilder().withApiGroups(rule.getApiGroups())
                        .withResources(rule.getResources()).withVerbs(rule.getVerbs())
                        .withResourceNames(rule.getResourceNames()).build())
                .toList();
    }

    public boolean allows(Request request) {
        return grants.stream()
                .filter(grant -> grant.namespace() == null || grant.namespace().equals(request.namespace()))
                .flatMap(grant -> grant.rules().stream())
                .anyMatch(rule -> matches(rule, request));
    }

    private static boolean matches(PolicyRule rule, Request request) {
        return rule.getVerbs().contains(request.verb())
                && rule.getApiGroups().contains(request.apiGroup())
                && rule.getResources().contains(request.resourceWithSubresource())
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || (request.name() != null && rule.getResourceNames().contains(request.name())));
    }

    private static boolean bindsAccount(List<Subject> subjects, String name, String namespace) {
        return subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && name.equals(subject.getName()) && namespace.equals(subject.getNamespace()));
    }

    private static ClusterRole clusterRole(Chart.Rendered rendered, RoleRef ref) {
        return rendered.all(ClusterRole.class).stream()
                .filter(role -> role.getMetadata().getName().equals(ref.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("binding refers to missing ClusterRole " + ref.getName()));
    }

    private static Role role(Chart.Rendered rendered, String name, String namespace) {
        Optional<Role> found = rendered.all(Role.class).stream()
                .filter(role -> role.getMetadata().getName().equals(name)
                        && role.getMetadata().getNamespace().equals(namespace))
                .findFirst();
        return found.orElseThrow(() -> new AssertionError("binding refers to missing Role " + namespace + "/" + name));
    }
}

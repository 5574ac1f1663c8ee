package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/**
 * The vault-keeper's Role {@code <name>-vault-keeper}: watch its one AIEmployee (resourceNames; the
 * keeper's list and watch use the {@code metadata.name} field selector, which RBAC matches against
 * resourceNames) and patch that AIEmployee's status, where it reports {@code status.vault}. The
 * operator holds these rights itself, which RBAC requires before it may grant them.
 */
public final class VaultKeeperRole {

    private VaultKeeperRole() {
    }

    public static Role desired(AIEmployee owner) {
        return new RoleBuilder()
                .withNewMetadata()
                    .withName(PodNames.vaultKeeperName(owner.getMetadata().getName()))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forInstance(owner, Workload.VAULT_KEEPER.id()))
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                .withRules(rules(owner.getMetadata().getName()))
                .build();
    }

    public static List<PolicyRule> rules(String aiemployee) {
        return List.of(
                new PolicyRuleBuilder().withApiGroups(AIEmployee.GROUP).withResources("aiemployees")
                        .withResourceNames(aiemployee).withVerbs("get", "list", "watch").build(),
                new PolicyRuleBuilder().withApiGroups(AIEmployee.GROUP).withResources("aiemployees/status")
                        .withResourceNames(aiemployee).withVerbs("patch").build());
    }
}

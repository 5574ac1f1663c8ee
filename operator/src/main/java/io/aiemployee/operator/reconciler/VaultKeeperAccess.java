package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.resources.VaultKeeperRole;
import io.aiemployee.operator.resources.VaultKeeperRoleBinding;
import io.aiemployee.operator.resources.VaultKeeperServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Puts the vault-keeper's ServiceAccount, Role and RoleBinding in place (created, or updated back to
 * the desired state). Runs right before each keeper pod is created, so a steady state costs no
 * request, and a keeper that crashed because its access was removed gets it back with its restart.
 */
final class VaultKeeperAccess {

    private final KubernetesClient client;

    VaultKeeperAccess(KubernetesClient client) {
        this.client = client;
    }

    void ensure(AIEmployee owner) {
        String namespace = owner.getMetadata().getNamespace();
        client.serviceAccounts().inNamespace(namespace).resource(VaultKeeperServiceAccount.desired(owner))
                .createOr(NonDeletingOperation::update);
        client.rbac().roles().inNamespace(namespace).resource(VaultKeeperRole.desired(owner))
                .createOr(NonDeletingOperation::update);
        client.rbac().roleBindings().inNamespace(namespace).resource(VaultKeeperRoleBinding.desired(owner))
                .createOr(NonDeletingOperation::update);
    }
}

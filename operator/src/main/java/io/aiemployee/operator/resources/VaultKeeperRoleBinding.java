package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/** Binds {@link VaultKeeperRole} to {@link VaultKeeperServiceAccount}; owned by the AIEmployee. */
public final class VaultKeeperRoleBinding {

    private VaultKeeperRoleBinding() {
    }

    public static RoleBinding desired(AIEmployee owner) {
        String name = PodNames.vaultKeeperName(owner.getMetadata().getName());
        return new RoleBindingBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forInstance(owner, Workload.VAULT_KEEPER.id()))
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name)
                    .withNamespace(owner.getMetadata().getNamespace()).endSubject()
                .build();
    }
}

package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The vault-keeper's own ServiceAccount {@code <name>-vault-keeper}, owned by the AIEmployee. */
public final class VaultKeeperServiceAccount {

    private VaultKeeperServiceAccount() {
    }

    public static ServiceAccount desired(AIEmployee owner) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                    .withName(PodNames.vaultKeeperName(owner.getMetadata().getName()))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forInstance(owner, Workload.VAULT_KEEPER.id()))
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                // mounted only into the keeper pod, which asks for it explicitly
                .withAutomountServiceAccountToken(false)
                .build();
    }
}

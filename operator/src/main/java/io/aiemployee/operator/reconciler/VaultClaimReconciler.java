package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.resources.VaultClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the vault claim {@code <name>-vault} in place: creates it when missing and aligns its
 * owner reference with the reclaim policy. Never deletes or shrinks it; an existingClaim is not touched.
 */
final class VaultClaimReconciler {

    private final KubernetesClient client;

    VaultClaimReconciler(KubernetesClient client) {
        this.client = client;
    }

    /** @param observed the claim as the informer sees it, if any */
    void reconcile(AIEmployee owner, Optional<PersistentVolumeClaim> observed) {
        if (!VaultClaim.isManaged(owner)) {
            return;
        }
        PersistentVolumeClaim desired = VaultClaim.desired(owner);
        if (observed.isEmpty()) {
            client.persistentVolumeClaims().inNamespace(owner.getMetadata().getNamespace()).resource(desired).create();
            return;
        }
        PersistentVolumeClaim actual = observed.get();
        if (actual.getMetadata().getDeletionTimestamp() == null
                && !orEmpty(actual.getMetadata().getOwnerReferences()).equals(desired.getMetadata().getOwnerReferences())) {
            client.persistentVolumeClaims().inNamespace(owner.getMetadata().getNamespace())
                    .withName(actual.getMetadata().getName())
                    .edit(pvc -> {
                        pvc.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
                        return pvc;
                    });
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

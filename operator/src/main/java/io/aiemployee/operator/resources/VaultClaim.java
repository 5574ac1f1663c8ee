package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.ReclaimPolicy;
import io.aiemployee.operator.api.VaultSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/** The desired vault claim {@code <name>-vault}, shared by all watcher pods of one AIEmployee. */
public final class VaultClaim {

    public static final String COMPONENT = "vault";

    private VaultClaim() {
    }

    /** The claim the pods mount: the user's existing claim, or the one the operator manages. */
    public static String claimName(AIEmployee owner) {
        VaultSpec vault = owner.getSpec().effectiveVault();
        return vault.existingClaim() != null ? vault.existingClaim() : PodNames.vaultClaimName(owner.getMetadata().getName());
    }

    /** Whether the operator creates the claim (false with existingClaim). */
    public static boolean isManaged(AIEmployee owner) {
        return owner.getSpec().effectiveVault().existingClaim() == null;
    }

    public static PersistentVolumeClaim desired(AIEmployee owner) {
        VaultSpec vault = owner.getSpec().effectiveVault();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                    .withName(PodNames.vaultClaimName(owner.getMetadata().getName()))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forInstance(owner, COMPONENT))
                    .withOwnerReferences(ownerReferences(owner))
                .endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(vault.storageClassName())
                    .withNewResources().addToRequests("storage", new Quantity(vault.effectiveSize())).endResources()
                .endSpec()
                .build();
    }

    /**
     * With reclaimPolicy Delete the claim is owned by the AIEmployee (garbage-collected with it);
     * with Retain it has no owner, so deleting the AIEmployee leaves the user's data in place.
     */
    public static List<OwnerReference> ownerReferences(AIEmployee owner) {
        return owner.getSpec().effectiveVault().effectiveReclaimPolicy() == ReclaimPolicy.Delete
                ? List.of(Owners.controllerReference(owner)) : List.of();
    }
}

package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The controller owner reference that lets Kubernetes garbage-collect what belongs to an AIEmployee. */
public final class Owners {

    private Owners() {
    }

    public static OwnerReference controllerReference(AIEmployee owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}

package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.watcher.WatcherImages;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;

/**
 * The desired Pod of the vault-keeper: the operator image run as {@code aiemployee vault-keeper
 * --vault /vault --health-port 8080}, the vault claim at /vault, the same restricted security context
 * and liveness probe as a watcher, and, unlike the watchers, a service account token: it watches its
 * AIEmployee through the ServiceAccount {@code <name>-vault-keeper} ({@link VaultKeeperRole}).
 */
public final class VaultKeeperPod {

    public static final String CONTAINER = "vault-keeper";
    /** Environment variable of the operator naming the keeper's image (the chart sets it to the operator's image). */
    public static final String IMAGE_ENV = "VAULT_KEEPER_IMAGE";
    /** Environment variables telling the keeper which AIEmployee is its own. */
    public static final String NAME_ENV = "AIEMPLOYEE_NAME";
    public static final String NAMESPACE_ENV = "AIEMPLOYEE_NAMESPACE";

    private VaultKeeperPod() {
    }

    /** The keeper's pod number {@code serial}. */
    public static Pod desired(AIEmployee owner, long serial, int restartCount) {
        PodSpec spec = podSpec(owner);
        return PodTemplates.pod(owner, Workload.VAULT_KEEPER, serial, restartCount, spec);
    }

    /** Hash of the keeper pod the AIEmployee asks for now; a keeper pod with another hash is replaced. */
    public static String templateHash(AIEmployee owner) {
        return PodTemplates.hash(podSpec(owner));
    }

    /** The image: {@value #IMAGE_ENV} of the operator process, else the default operator image. */
    public static String image() {
        return image(System.getenv());
    }

    public static String image(java.util.Map<String, String> environment) {
        String configured = environment.get(IMAGE_ENV);
        return configured == null || configured.isBlank() ? WatcherImages.OPERATOR : configured.strip();
    }

    static PodSpec podSpec(AIEmployee owner) {
        List<EnvVar> env = List.of(
                PodTemplates.env("VAULT_PATH", WatcherPod.VAULT_PATH),
                PodTemplates.env("HEALTH_PORT", String.valueOf(WatcherPod.HEALTH_PORT)),
                PodTemplates.env("HOME", "/tmp"),
                PodTemplates.env(NAME_ENV, owner.getMetadata().getName()),
                new EnvVarBuilder().withName(NAMESPACE_ENV)
                        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom()
                        .build());
        var container = PodTemplates.restrictedContainer(CONTAINER, image())
                .withCommand("aiemployee")
                .withArgs("vault-keeper", "--vault", WatcherPod.VAULT_PATH, "--health-port", String.valueOf(WatcherPod.HEALTH_PORT))
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("50m"))
                        .addToRequests("memory", new Quantity("160Mi"))
                        .addToLimits("memory", new Quantity("320Mi"))
                        .build())
                .withVolumeMounts(PodTemplates.vaultMount(), PodTemplates.tmpMount())
                .build();
        return PodTemplates.restrictedPod(owner, container, List.of(PodTemplates.vaultVolume(owner), PodTemplates.tmpVolume()))
                .withServiceAccountName(PodNames.vaultKeeperName(owner.getMetadata().getName()))
                // the keeper talks to the API server (its own AIEmployee only); the watchers do not
                .withAutomountServiceAccountToken(true)
                .build();
    }
}

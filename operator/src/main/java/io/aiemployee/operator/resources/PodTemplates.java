package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What every pod of an AIEmployee shares, watcher or vault-keeper: the restricted security context,
 * the liveness probe on port 8080, the vault and /tmp volumes, {@code restartPolicy: Never} (the
 * operator owns restarts) and the affinity that keeps them on the node of the ReadWriteOnce vault.
 */
final class PodTemplates {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PodTemplates() {
    }

    /** A container with the restricted security context, the health port and its liveness probe. */
    static ContainerBuilder restrictedContainer(String name, String image) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("health").withContainerPort(WatcherPod.HEALTH_PORT).withProtocol("TCP").endPort()
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewLivenessProbe()
                    .withNewHttpGet().withPath("/healthz").withNewPort("health").endHttpGet()
                    .withInitialDelaySeconds(10).withPeriodSeconds(10).withTimeoutSeconds(2).withFailureThreshold(3)
                .endLivenessProbe()
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true)
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext();
    }

    /** A pod spec around {@code container}: no service account token unless the caller turns it on. */
    static PodSpecBuilder restrictedPod(AIEmployee owner, Container container, List<Volume> volumes) {
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withContainers(container)
                .withVolumes(volumes)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(10L)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(WatcherPod.RUN_AS)
                    .withRunAsGroup(WatcherPod.RUN_AS)
                    .withFsGroup(WatcherPod.RUN_AS)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                // the vault claim is ReadWriteOnce: keep all pods of one AIEmployee on the same node
                .withNewAffinity().withNewPodAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNewLabelSelector().addToMatchLabels(Labels.INSTANCE, owner.getMetadata().getName())
                        .addToMatchLabels(Labels.NAME, Labels.APP_NAME).endLabelSelector()
                    .withTopologyKey("kubernetes.io/hostname")
                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAffinity().endAffinity();
    }

    static Volume vaultVolume(AIEmployee owner) {
        return new VolumeBuilder().withName("vault")
                .withNewPersistentVolumeClaim().withClaimName(VaultClaim.claimName(owner)).endPersistentVolumeClaim().build();
    }

    static VolumeMount vaultMount() {
        return mount("vault", WatcherPod.VAULT_PATH, false);
    }

    static Volume tmpVolume() {
        return new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir().build();
    }

    static VolumeMount tmpMount() {
        return mount("tmp", "/tmp", false);
    }

    static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).build();
    }

    static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    static long generation(AIEmployee owner) {
        Long generation = owner.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** Short hash of a pod spec: a pod whose annotation differs from the spec's hash is replaced. */
    static String hash(PodSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SERIALIZATION.asJson(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Pod number {@code serial} of {@code workload}: name, labels, owner reference, and the
     * annotations that tell which spec generation and template it was built from and the restart
     * count it was created with.
     */
    static Pod pod(AIEmployee owner, Workload workload, long serial, int restartCount, PodSpec spec) {
        return new PodBuilder()
                .withNewMetadata()
                    .withName(PodNames.podName(owner.getMetadata().getName(), workload, serial))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forPod(owner, workload, serial))
                    .withAnnotations(Map.of(
                            Labels.SPEC_GENERATION, String.valueOf(generation(owner)),
                            Labels.TEMPLATE_HASH, hash(spec),
                            Labels.RESTART_COUNT, Integer.toString(restartCount)))
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                .withSpec(spec)
                .build();
    }
}
